using AuthServer.Data;
using Microsoft.AspNetCore.DataProtection;

namespace AuthServer.StatusLists;

/// <summary>On start, before the server answers: loads (or makes) the secret that keys <see cref="StatusIndexPermutation"/>.</summary>
internal sealed class StatusListKeyLoader(
    IServiceScopeFactory scopes,
    IDataProtectionProvider dataProtection,
    StatusIndexPermutation permutation,
    TimeProvider time) : IHostedService
{
    public const string SecretName = "status-list-indexes";

    // The purpose string is part of the ciphertext: changing it would make the stored secret unreadable.
    public const string ProtectorPurpose = "AuthServer.StatusListIndexes";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        permutation.UseKey(await ServerSecrets.LoadOrCreateAsync(db, SecretName, dataProtection.CreateProtector(ProtectorPurpose), time, cancellationToken));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
