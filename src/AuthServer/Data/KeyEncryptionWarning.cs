using Microsoft.Extensions.Options;

namespace AuthServer.Data;

/// <summary>
/// In Production, says once at start that the key ring is stored unencrypted when <c>Auth:KeyEncryption</c> is unset:
/// whoever can read the data volume or a backup can then decrypt the signing keys and forge access tokens.
/// </summary>
internal sealed class KeyEncryptionWarning(IHostEnvironment environment, IOptions<KeyEncryptionOptions> options, ILogger<KeyEncryptionWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (environment.IsProduction() && string.IsNullOrEmpty(settings.Key) && string.IsNullOrEmpty(settings.CertificatePath))
        {
            logger.KeyRingUnencrypted();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
