using System.Text;
using Microsoft.Extensions.Options;

namespace AuthServer.SigningKeys;

/// <summary>
/// RFC 8725 §3.5: an HMAC key must carry as much entropy as the hash is long, so for HS256 a missing, short or
/// patterned secret is refused.
/// </summary>
internal sealed class SigningOptionsValidator : IValidateOptions<SigningOptions>
{
    public const int MinSecretBytes = 32;
    private const int MinDistinctSecretCharacters = 12;

    public ValidateOptionsResult Validate(string? name, SigningOptions options) =>
        options.UsesSharedSecret && SecretWeakness(options.SigningSecret) is { } weakness
            ? ValidateOptionsResult.Fail(weakness)
            : ValidateOptionsResult.Success;

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
