using System.Data.Common;
using AuthServer.Data;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Users;

/// <summary>
/// On start, after the migrations: brings every stored normalized username to the form <see cref="UsernamePolicy.Normalize"/>
/// computes now. A database written by a build that ran without ICU (before it was required) holds names folded for case
/// only, under which <c>ａｄｍｉｎ</c> and <c>admin</c> were two accounts. Each stale row is updated over its old value; when
/// the new form belongs to another account already, the older account keeps it and the look-alike keeps its old form,
/// which no login can reach any more: that is logged (event 3011) for an operator to resolve.
/// </summary>
internal sealed class StoredUsernameNormalizer(IServiceScopeFactory scopes, ILogger<StoredUsernameNormalizer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var stale = new List<(Guid Id, string Stored, string Current)>();
        // One read of three narrow columns; ASCII names, most of them, are compared without allocating.
        await foreach (var user in db.Users.AsNoTracking().OrderBy(u => u.CreatedAtUtc)
            .Select(u => new { u.Id, u.Username, u.NormalizedUsername }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (UsernamePolicy.TryNormalize(user.Username) is { } current && current != user.NormalizedUsername)
            {
                stale.Add((user.Id, user.NormalizedUsername, current));
            }
        }

        foreach (var (id, stored, current) in stale)
        {
            try
            {
                var updated = await db.Users.Where(u => u.Id == id && u.NormalizedUsername == stored)
                    .ExecuteUpdateAsync(u => u.SetProperty(x => x.NormalizedUsername, current), cancellationToken);
                if (updated == 1)
                {
                    logger.UsernameRenormalized(id);
                }
            }
            catch (DbException)
            {
                var holder = await db.Users.AsNoTracking().Where(u => u.NormalizedUsername == current).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(cancellationToken);
                logger.UsernameLookAlike(id, holder);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
