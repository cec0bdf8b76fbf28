using AuthServer.Data;
using AuthServer.Sessions;
using AuthServer.SigningKeys;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AuthServer.Tests.ScaleOut;

/// <summary>Work that must run once per deployment waits for, or skips, the instance that holds its advisory lock.</summary>
public sealed class DeploymentLockTests
{
    [Fact]
    public async Task Pruning_WhileAnotherInstanceHoldsItsLock_SkipsThePass_AndPrunesOnceTheLockIsFree()
    {
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        var tokens = await client.LoginAsync();
        await client.PostLogoutAsync(accessToken: tokens.AccessToken);
        factory.Clock.Advance(TimeSpan.FromDays(8));
        var pruner = factory.Services.GetRequiredService<SessionPruner>();

        await using (await HoldLockAsync(factory.Storage, DeploymentWork.Pruning))
        {
            Assert.Equal(new PruneResult(0, 0), await pruner.PruneAsync(CancellationToken.None));
            Assert.Equal(1, await factory.QueryAsync(db => db.Sessions.CountAsync()));
        }

        Assert.Equal(new PruneResult(1, 1), await pruner.PruneAsync(CancellationToken.None));
    }

    [Fact]
    public async Task KeyRotation_WaitsForTheInstanceThatHoldsTheSigningKeysLock()
    {
        using var factory = new AuthServerFactory();
        _ = factory.CreateClient();
        var maintenance = factory.Services.GetRequiredService<SigningKeyMaintenance>();

        Task<SigningKey?> rotation;
        await using (await HoldLockAsync(factory.Storage, DeploymentWork.SigningKeys))
        {
            rotation = maintenance.RotateNowAsync();
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            Assert.False(rotation.IsCompleted);
        }

        Assert.NotNull(await rotation);
        Assert.Equal(2, await factory.QueryAsync(db => db.SigningKeys.CountAsync()));
    }

    /// <summary>Takes the work's advisory lock as another instance would, on a connection of its own, until disposed.</summary>
    private static async Task<HeldLock> HoldLockAsync(TestStorage storage, DeploymentWork work)
    {
        var connection = new NpgsqlConnection(storage.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({DeploymentLocks.Namespace}, {(int)work})", connection);
        await command.ExecuteNonQueryAsync();
        return new HeldLock(connection, work);
    }

    private sealed class HeldLock(NpgsqlConnection connection, DeploymentWork work) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // Released explicitly: a pooled connection keeps its session's locks, and a closed one frees them only later.
            await using (var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({DeploymentLocks.Namespace}, {(int)work})", connection))
            {
                await command.ExecuteNonQueryAsync();
            }

            await connection.DisposeAsync();
        }
    }
}
