using AuthServer.Data;
using AuthServer.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AuthServer.Sessions;

/// <summary>
/// Answers "is this access token's session still live (<see cref="SessionLiveness"/>), and is the token not older than
/// its user's <c>TokensValidAfterUtc</c>?" on every authenticated request. Both answers come from memory for
/// <see cref="TokenOptions.RevocationCacheDuration"/>, measured on <see cref="TimeProvider"/>: one entry per
/// session and one per user, so logout-all and a password change are one entry to drop. The instance that
/// revokes drops the entries at once; on PostgreSQL the others drop them when its notification arrives
/// (<see cref="RevocationListener"/>), and at worst when their entries age out.
/// </summary>
public sealed class SessionStatusCache(IServiceScopeFactory scopes, IOptions<TokenOptions> options, TimeProvider time) : IDisposable
{
    private const int MaxEntries = 100_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    // Bumped by every Forget: a load that began before a revocation must not cache what it read.
    private long _generation;

    public async ValueTask<bool> AcceptsAsync(Guid userId, Guid sessionId, DateTime issuedAtUtc, CancellationToken cancellationToken)
    {
        var session = await GetOrLoadAsync(new SessionKey(sessionId), () => LoadSessionAsync(sessionId, userId, cancellationToken));
        // A cached live session is still refused from its absolute end on, to the tick: the token's own expiry allows clock skew.
        if (session is null || time.GetUtcNow().UtcDateTime >= session.EndsAtUtc)
        {
            return false;
        }

        var tokensValidAfter = await GetOrLoadAsync(new UserKey(userId), () => LoadTokensValidAfterAsync(userId, cancellationToken));
        // iat has whole seconds, so compare against the second in which the cut-off fell. A token issued
        // earlier in that same second is still refused through its session, which the same write revoked,
        // or, for a session that escaped that write, through the session's own (precise) creation time.
        return tokensValidAfter is { } cutoff && session.CreatedAtUtc >= cutoff && issuedAtUtc >= TruncateToSeconds(cutoff);
    }

    /// <summary>Drops what this instance knows of the session; call it after the revocation is committed.</summary>
    public void ForgetSession(Guid sessionId) => Forget(new SessionKey(sessionId));

    /// <summary>Drops this instance's copy of the user's <c>TokensValidAfterUtc</c>; call it after the change is committed.</summary>
    public void ForgetUser(Guid userId) => Forget(new UserKey(userId));

    /// <summary>Drops everything this instance knows, for when revocations may have gone unheard (a lost notification connection).</summary>
    public void ForgetAll()
    {
        Interlocked.Increment(ref _generation);
        _cache.Clear();
    }

    public void Dispose() => _cache.Dispose();

    private void Forget(object key)
    {
        Interlocked.Increment(ref _generation);
        _cache.Remove(key);
    }

    private async ValueTask<T?> GetOrLoadAsync<T>(object key, Func<Task<T?>> load)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(key, out Entry<T>? entry) && entry is not null && now < entry.FreshUntil)
        {
            return entry.Value;
        }

        var generation = Interlocked.Read(ref _generation);
        var value = await load();
        var duration = options.Value.RevocationCacheDuration;
        if (duration > TimeSpan.Zero)
        {
            // Freshness is judged on TimeProvider; the cache's own expiry, on the system clock, only sweeps stale entries away.
            var sweepAfter = duration + TimeSpan.FromMinutes(1);
            _cache.Set(key, new Entry<T>(value, now + duration), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = sweepAfter });
            if (Interlocked.Read(ref _generation) != generation)
            {
                _cache.Remove(key);
            }
        }

        return value;
    }

    private async Task<SessionState?> LoadSessionAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        return await db.Sessions.AsNoTracking()
            .Where(s => s.Id == sessionId && s.UserId == userId)
            .Where(SessionLiveness.LiveAt(now))
            .Select(s => new SessionState(s.CreatedAtUtc, s.ExpiresAtUtc))
            .SingleOrDefaultAsync(cancellationToken);
    }

    private async Task<DateTime?> LoadTokensValidAfterAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        return await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => (DateTime?)u.TokensValidAfterUtc)
            .SingleOrDefaultAsync(cancellationToken);
    }

    private static DateTime TruncateToSeconds(DateTime value) => value.AddTicks(-(value.Ticks % TimeSpan.TicksPerSecond));

    private sealed record SessionKey(Guid Id);

    private sealed record UserKey(Guid Id);

    /// <summary>A session that was live when loaded; a session that was not is cached as null.</summary>
    private sealed record SessionState(DateTime CreatedAtUtc, DateTime EndsAtUtc);

    private sealed record Entry<T>(T? Value, DateTimeOffset FreshUntil);
}
