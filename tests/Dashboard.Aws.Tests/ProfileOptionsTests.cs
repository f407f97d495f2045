namespace Dashboard.Aws.Tests;

public sealed class ProfileOptionsTests : IDisposable
{
    private readonly string _credentialsFile = Path.Combine(Path.GetTempPath(), $"aws-credentials-{Guid.NewGuid():N}");

    public ProfileOptionsTests() =>
        File.WriteAllText(_credentialsFile, "[ml-readonly]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profile-secret\n");

    private IReadOnlyList<string> Validate(AwsOptions options) =>
        new AwsOptionsValidator(new AwsEndpointResolver(_ => null), _credentialsFile).Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Validate_ProfileThatExists_IsAccepted() =>
        Assert.Empty(Validate(new AwsOptions { Profile = "ml-readonly" }));

    [Fact]
    public void Validate_UnknownProfile_NamesTheKeyAndTheProfile()
    {
        var error = Assert.Single(Validate(new AwsOptions { Profile = "no-such-profile" }));

        Assert.StartsWith("Aws:Profile 'no-such-profile'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ProfileAndStaticKeys_AreRefusedTogether()
    {
        var errors = Validate(new AwsOptions { Profile = "ml-readonly", AccessKeyId = "AKID", SecretAccessKey = "s" });

        Assert.Contains(errors, e => e.Contains("Aws:Profile and Aws:AccessKeyId", StringComparison.Ordinal));
    }

    [Fact]
    public void ToString_WithAProfile_NamesItButNoSecret()
    {
        var text = new AwsOptions { Profile = "ml-readonly", AccessKeyId = "AKID", SecretAccessKey = "top-secret" }.ToString();

        Assert.Contains("Profile=ml-readonly", text, StringComparison.Ordinal);
        Assert.DoesNotContain("top-secret", text, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_credentialsFile);
}
