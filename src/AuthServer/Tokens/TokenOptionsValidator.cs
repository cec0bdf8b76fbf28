using Microsoft.Extensions.Options;

namespace AuthServer.Tokens;

/// <summary>The checks of <see cref="TokenOptions"/> that span several settings or depend on the environment.</summary>
internal sealed class TokenOptionsValidator(IHostEnvironment environment) : IValidateOptions<TokenOptions>
{
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
