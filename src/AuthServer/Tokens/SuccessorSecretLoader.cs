using AuthServer.Data;
using Microsoft.AspNetCore.DataProtection;

namespace AuthServer.Tokens;

/// <summary>
/// On start, before the server answers: loads the secret that derives successor refresh tokens
/// (<see cref="RefreshTokenCodec.Successor"/>) from the database, creating it on first start, under a Data Protection
/// purpose of its own.
/// </summary>
internal sealed class SuccessorSecretLoader(
    IServiceScopeFactory scopes,
    IDataProtectionProvider dataProtection,
    RefreshTokenCodec codec,
    TimeProvider time) : IHostedService
{
    public const string SecretName = "refresh-token-successor";

    // The purpose string is part of the ciphertext: changing it would make the stored secret unreadable.
    public const string ProtectorPurpose = "AuthServer.RefreshTokenSuccessor";

    // Databases created before the secret had its own purpose hold it under the signing keys' purpose.
    private const string LegacyProtectorPurpose = "AuthServer.KeyMaterial";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        codec.UseSuccessorKey(await ServerSecrets.LoadOrCreateAsync(
            db, SecretName, dataProtection.CreateProtector(ProtectorPurpose), time, cancellationToken, dataProtection.CreateProtector(LegacyProtectorPurpose)));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
