using System.Text;
using Microsoft.Extensions.Options;

namespace AuthServer.Tokens;

/// <summary>The checks of <see cref="TokenOptions"/> that span several settings or depend on the environment.</summary>
internal sealed class TokenOptionsValidator(IHostEnvironment environment) : IValidateOptions<TokenOptions>
{
    public const int MinSecretBytes = 32;
    private const int MinDistinctSecretCharacters = 12;

    public ValidateOptionsResult Validate(string? name, TokenOptions options)
    {
        var failures = new List<string>();
        // Lifetimes may be set in any proportion: every token is capped at its session's absolute end, so a
        // short SessionLifetime or RefreshTokenLifetime (as tests of expiry set them) is consistent on its own.
        if (!Uri.TryCreate(options.Issuer, UriKind.Absolute, out var issuer))
        {
            failures.Add("Auth:Issuer must be an absolute URL.");
        }
        else if (environment.IsProduction() && issuer.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add("Auth:Issuer must be an https URL in Production (RFC 8414 §2).");
        }

        if (options.Scopes.FirstOrDefault(s => !ScopeParser.IsToken(s)) is { } badScope)
        {
            failures.Add($"Auth:Scopes holds \"{badScope}\", which is not a scope token (RFC 6749 §3.3: printable ASCII without spaces, quotes or backslashes).");
        }

        if (options.SigningAlgorithm == SigningAlgorithms.HS256 && SecretWeakness(options.SigningSecret) is { } weakness)
        {
            failures.Add(weakness);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // RFC 8725 §3.5: an HMAC key must carry as much entropy as the hash is long, so a short or patterned secret is refused.
    private static string? SecretWeakness(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return "Auth:SigningSecret is required for HS256: set it from a secret store or the environment (Auth__SigningSecret).";
        }

        if (Encoding.UTF8.GetByteCount(secret) < MinSecretBytes)
        {
            return $"Auth:SigningSecret must have at least {MinSecretBytes} bytes for HS256.";
        }

        if (secret.Distinct().Count() < MinDistinctSecretCharacters)
        {
            return "Auth:SigningSecret is too repetitive to be a random secret; generate one, e.g. with `openssl rand -base64 48`.";
        }

        return null;
    }
}
