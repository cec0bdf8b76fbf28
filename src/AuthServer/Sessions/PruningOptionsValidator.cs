using AuthServer.Tokens;
using Microsoft.Extensions.Options;

namespace AuthServer.Sessions;

/// <summary>The check of <see cref="PruningOptions"/> that depends on <see cref="TokenOptions"/>.</summary>
internal sealed class PruningOptionsValidator(IOptions<TokenOptions> tokens) : IValidateOptions<PruningOptions>
{
    // A consumed token pruned before it would have expired could be replayed unnoticed: reuse detection
    // (RFC 9700 §4.14.2) needs it in the table for the whole of its lifetime.
    public ValidateOptionsResult Validate(string? name, PruningOptions options) =>
        options.RetentionFor(tokens.Value) >= tokens.Value.RefreshTokenLifetime
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Auth:Pruning:Retention must not be shorter than Auth:RefreshTokenLifetime, or a reused refresh token could go undetected.");
}
