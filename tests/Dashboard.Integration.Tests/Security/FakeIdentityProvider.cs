using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dashboard.Integration.Tests.Security;

/// <summary>What the provider does wrong on purpose during one sign-in.</summary>
public enum ProviderFault
{
    None,

    /// <summary>The person declines at the provider: it answers error=access_denied instead of a code.</summary>
    AccessDenied,

    /// <summary>The ID token is signed with a key the provider does not publish (same key id, other key).</summary>
    WrongSigningKey,
}

/// <summary>
/// An OpenID Connect provider in the test process, on a free loopback port: discovery, JWKS, authorization code flow
/// with PKCE (S256 only), client secret, userinfo. It is strict where a real provider is, so a dashboard that skips a
/// step (no verifier, no nonce, wrong redirect URI) fails to sign in. Its login page is skipped: the test says who
/// signs in with <see cref="SignInAs"/>, which stands for the person typing their password there.
/// </summary>
public sealed class FakeIdentityProvider : IAsyncDisposable
{
    private const string KeyId = "fake-idp-key";
    private readonly RSA _publishedKey = RSA.Create(2048);
    private readonly RSA _otherKey = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, ProviderLogin> _logins = new();
    private readonly ConcurrentDictionary<string, (ProviderLogin Login, AuthorizeRequest Request)> _codes = new();
    private readonly ConcurrentDictionary<string, ProviderLogin> _accessTokens = new();
    private readonly string _clientId;
    private readonly string? _clientSecret;
    private WebApplication _app = default!;

    private FakeIdentityProvider(string clientId, string? clientSecret)
    {
        _clientId = clientId;
        _clientSecret = clientSecret;
    }

    /// <summary>The issuer; what the dashboard is given as Auth:Oidc:Authority.</summary>
    public string Authority { get; private set; } = default!;

    /// <summary>The one redirect URI registered for the client; /authorize refuses any other.</summary>
    public Uri? RedirectUri { get; set; }

    public static async Task<FakeIdentityProvider> StartAsync(string clientId, string? clientSecret)
    {
        var provider = new FakeIdentityProvider(clientId, clientSecret);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        provider._app = builder.Build();
        provider.Map(provider._app);
        await provider._app.StartAsync();
        // Port 0 above: the server picked a free port, and Urls now says which.
        provider.Authority = provider._app.Urls.Single().TrimEnd('/');
        return provider;
    }

    /// <summary>
    /// The address the browser goes on to at the provider when this person signs in there: the dashboard's
    /// authorization request plus who it is. <paramref name="claims"/> (with "sub") go into the ID token and userinfo.
    /// </summary>
    public ProviderLogin SignInAs(Uri authorizationRequest, IReadOnlyDictionary<string, object> claims, ProviderFault fault = ProviderFault.None)
    {
        Assert.True(claims.ContainsKey("sub"), "A person at the provider needs a subject (sub).");
        var key = Guid.NewGuid().ToString("N");
        var login = new ProviderLogin(new Uri(authorizationRequest + "&login=" + key), claims, fault);
        _logins[key] = login;
        return login;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _publishedKey.Dispose();
        _otherKey.Dispose();
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["authorization_endpoint"] = Authority + "/authorize",
            ["token_endpoint"] = Authority + "/token",
            ["userinfo_endpoint"] = Authority + "/userinfo",
            ["jwks_uri"] = Authority + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query", "form_post" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
        }));
        app.MapGet("/jwks", () =>
        {
            var key = _publishedKey.ExportParameters(includePrivateParameters: false);
            return Results.Json(new
            {
                keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId,
                n = Base64UrlEncoder.Encode(key.Modulus), e = Base64UrlEncoder.Encode(key.Exponent) } }
            });
        });
        app.MapGet("/authorize", Authorize);
        app.MapPost("/token", TokenAsync);
        app.MapGet("/userinfo", UserInfo);
    }

    private IResult Authorize(HttpRequest http)
    {
        var query = http.Query;
        // As the specification asks: a request with an unknown client or redirect URI is never sent back anywhere.
        if (query["client_id"] != _clientId || RedirectUri is null || query["redirect_uri"] != RedirectUri.ToString())
        {
            return Results.BadRequest("unknown client_id or redirect_uri");
        }
        if (!_logins.TryRemove(query["login"].ToString(), out var login))
        {
            return Results.BadRequest("nobody signed in (the test calls SignInAs)");
        }
        var request = new AuthorizeRequest(query["redirect_uri"]!, query["state"].ToString(), query["nonce"].ToString(),
            query["code_challenge"].ToString(), query["code_challenge_method"].ToString(), query["response_type"].ToString(),
            query["response_mode"].ToString(), query["scope"].ToString());
        login.Request = request;

        Dictionary<string, string> answer;
        if (request.ResponseType != "code" || request.CodeChallengeMethod != "S256" || request.CodeChallenge.Length < 43)
        {
            answer = new() { ["error"] = "invalid_request", ["error_description"] = "code flow with an S256 code_challenge only" };
        }
        else if (login.Fault == ProviderFault.AccessDenied)
        {
            answer = new() { ["error"] = "access_denied", ["error_description"] = "The user declined." };
        }
        else
        {
            var code = RandomToken();
            _codes[code] = (login, request);
            answer = new() { ["code"] = code };
        }
        answer["state"] = request.State;
        return request.ResponseMode == "form_post" ? Results.Content(AutoPostForm(request.RedirectUri, answer), "text/html")
            : Results.Redirect(request.RedirectUri + "?" + string.Join('&', answer.Select(kv => kv.Key + "=" + Uri.EscapeDataString(kv.Value))));
    }

    private async Task<IResult> TokenAsync(HttpRequest http)
    {
        var form = await http.ReadFormAsync();
        var (clientId, secret) = ClientCredentials(http, form);
        if (clientId != _clientId || (_clientSecret is not null && secret != _clientSecret))
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }
        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var issued)
            || form["redirect_uri"] != issued.Request.RedirectUri)
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }
        var verifier = form["code_verifier"].ToString();
        if (Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != issued.Request.CodeChallenge)
        {
            return Results.Json(new { error = "invalid_grant", error_description = "PKCE verification failed" }, statusCode: 400);
        }

        var accessToken = RandomToken();
        _accessTokens[accessToken] = issued.Login;
        issued.Login.CodeRedeemed = true;
        var claims = new Dictionary<string, object>(issued.Login.Claims)
        {
            ["nonce"] = issued.Request.Nonce,
            // The left half of the access token's SHA-256 (OpenID Connect Core 3.1.3.6): binds the two tokens.
            ["at_hash"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]),
        };
        var signingKey = issued.Login.Fault == ProviderFault.WrongSigningKey ? _otherKey : _publishedKey;
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = _clientId,
            IssuedAt = DateTime.UtcNow,
            Expires = DateTime.UtcNow.AddMinutes(5),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signingKey) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        });
        return Results.Json(new { access_token = accessToken, token_type = "Bearer", expires_in = 300, id_token = idToken });
    }

    private IResult UserInfo(HttpRequest http)
    {
        var header = http.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !_accessTokens.TryGetValue(header["Bearer ".Length..], out var login))
        {
            return Results.StatusCode(401);
        }
        login.UserInfoServed = true;
        return Results.Json(login.Claims);
    }

    private static (string? ClientId, string? Secret) ClientCredentials(HttpRequest http, IFormCollection form)
    {
        var header = http.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
        }
        return (form["client_id"], form["client_secret"]);
    }

    /// <summary>response_mode=form_post: a page whose form the browser posts back to the client at once.</summary>
    private static string AutoPostForm(string action, Dictionary<string, string> fields)
    {
        var inputs = string.Concat(fields.Select(kv =>
            $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(kv.Key)}\" value=\"{WebUtility.HtmlEncode(kv.Value)}\" />"));
        return $"<html><body onload=\"document.forms[0].submit()\"><form method=\"post\" action=\"{WebUtility.HtmlEncode(action)}\">{inputs}</form></body></html>";
    }

    private static string RandomToken() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
}

/// <summary>What the dashboard asked the provider for in one authorization request.</summary>
public sealed record AuthorizeRequest(string RedirectUri, string State, string Nonce, string CodeChallenge, string CodeChallengeMethod,
    string ResponseType, string ResponseMode, string Scope);

/// <summary>One person's sign-in at the provider, and how far the dashboard took it.</summary>
public sealed class ProviderLogin(Uri address, IReadOnlyDictionary<string, object> claims, ProviderFault fault)
{
    /// <summary>Where the browser goes at the provider.</summary>
    public Uri Address { get; } = address;

    public IReadOnlyDictionary<string, object> Claims { get; } = claims;

    public ProviderFault Fault { get; } = fault;

    public AuthorizeRequest? Request { get; set; }

    /// <summary>The dashboard exchanged the code (with the right verifier and secret) for tokens.</summary>
    public bool CodeRedeemed { get; set; }

    /// <summary>The dashboard fetched the person's claims from the userinfo endpoint.</summary>
    public bool UserInfoServed { get; set; }
}
