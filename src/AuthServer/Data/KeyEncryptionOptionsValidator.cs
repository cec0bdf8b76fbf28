using Microsoft.Extensions.Options;

namespace AuthServer.Data;

/// <summary>Refuses <c>Auth:KeyEncryption</c> settings that cannot encrypt the key ring: both set, a malformed key, an unreadable certificate.</summary>
internal sealed class KeyEncryptionOptionsValidator : IValidateOptions<KeyEncryptionOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyEncryptionOptions options)
    {
        var encryption = KeyRingEncryption.Read(options, out var refusal);
        encryption?.Certificate?.Dispose();
        return encryption is null ? ValidateOptionsResult.Fail(refusal!) : ValidateOptionsResult.Success;
    }
}
