using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Accounts;

/// <summary>
/// Identity has a minimum password length but no maximum; this adds one, so a pasted page of text is refused with the
/// range in words instead of being hashed and stored.
/// </summary>
public sealed class PasswordLengthValidator(IOptions<IdentityOptions> identity) : IPasswordValidator<IdentityUser>
{
    public const int MaxLength = 128;
    public const string Code = "PasswordTooLong";

    public Task<IdentityResult> ValidateAsync(UserManager<IdentityUser> manager, IdentityUser user, string? password) =>
        Task.FromResult(password is { Length: > MaxLength }
            ? IdentityResult.Failed(new IdentityError
            {
                Code = Code,
                Description = $"A password has {identity.Value.Password.RequiredLength} to {MaxLength} characters; this one has {password.Length}.",
            })
            : IdentityResult.Success);
}
