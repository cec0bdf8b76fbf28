using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using AuthServer.Data;
using AuthServer.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AuthServer.StatusLists;

/// <summary>
/// The Token Status Lists this instance serves. Each list's bits are loaded from the database (the revoked sessions
/// among its entries) and kept current by every revocation this instance makes or hears of (<c>MarkRevoked</c>), and
/// loaded again once they are <c>Auth:RevocationCacheDuration</c> old, the bound for a revocation it did not hear of.
/// Its signed token is made again when the bits change, and at least every <c>ttl</c>.
/// </summary>
public sealed class StatusListStore(
    IServiceScopeFactory scopes,
    StatusListTokenSigner signer,
    IOptions<TokenOptions> tokens,
    IOptions<StatusListOptions> options,
    TimeProvider time)
{
    private readonly ConcurrentDictionary<int, StatusListState> _lists = new();

    // Bumped by every MarkRevoked: a load that began before a revocation must not be trusted as fresh.
    private long _revocations;

    /// <summary>The list's current Status List Token, or null for a list that does not exist.</summary>
    public async Task<StatusListDocument?> GetAsync(int list, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!_lists.TryGetValue(list, out var state) || now - state.LoadedAt >= tokens.Value.RevocationCacheDuration)
        {
            var revocations = Interlocked.Read(ref _revocations);
            var bits = await LoadAsync(list, cancellationToken);
            if (bits is null)
            {
                return null;
            }

            var loadedAt = Interlocked.Read(ref _revocations) == revocations ? now : DateTimeOffset.MinValue;
            state = _lists.AddOrUpdate(list, _ => new StatusListState(bits, loadedAt), (_, old) => old.Reloaded(bits, loadedAt));
        }

        return state.Document(now, options.Value.TimeToLive, bits => Document(signer.Sign(list, bits)));
    }

    /// <summary>The lists a resource server should hold: from the oldest that still names a session to the one after the current.</summary>
    public async Task<IReadOnlyList<int>> ListsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var next = LastServedList(await AllocatedAsync(db, cancellationToken));
        var oldest = await db.Sessions.MinAsync(s => s.StatusList, cancellationToken) ?? next;
        return [.. Enumerable.Range(oldest, next - oldest + 1)];
    }

    /// <summary>Sets the entries of sessions this instance revoked, or heard were revoked; call it after the commit.</summary>
    public void MarkRevoked(IEnumerable<StatusListEntry> entries)
    {
        foreach (var entry in entries)
        {
            Interlocked.Increment(ref _revocations);
            if (_lists.TryGetValue(entry.List, out var state))
            {
                state.Set(entry.Index);
            }
        }
    }

    /// <summary>Drops every list, for when revocations may have gone unheard: each is loaded again when next asked for.</summary>
    public void ForgetAll()
    {
        Interlocked.Increment(ref _revocations);
        _lists.Clear();
    }

    private async Task<byte[]?> LoadAsync(int list, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        if (list < 0 || list > LastServedList(await AllocatedAsync(db, cancellationToken)))
        {
            return null;
        }

        var bits = new byte[StatusListLayout.BytesPerList];
        var revoked = await db.Sessions.AsNoTracking()
            .Where(s => s.StatusList == list && s.RevokedAtUtc != null)
            .Select(s => s.StatusIndex!.Value)
            .ToListAsync(cancellationToken);
        foreach (var index in revoked)
        {
            StatusListEncoding.Set(bits, index);
        }

        return bits;
    }

    private static Task<long> AllocatedAsync(AuthDbContext db, CancellationToken cancellationToken) =>
        db.StatusListCounters.Where(c => c.Id == StatusListCounter.SingletonId).Select(c => c.Allocated).SingleAsync(cancellationToken);

    // The list after the one the next entry goes to: served before any token names it, so that resource servers have
    // it by the time the current list fills up.
    private static int LastServedList(long allocated) => checked((int)(allocated / StatusListLayout.EntriesPerList) + 1);

    private static StatusListDocument Document(string token) =>
        new(token, $"\"{Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(token)).AsSpan(0, 16))}\"");
}
