using AuthServer.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AuthServer.Tokens;

/// <summary>
/// Answers "was this access token's session revoked?" on every authenticated request, from memory for
/// <see cref="TokenOptions.RevocationCacheDuration"/>. The instance that revokes drops the entry at once;
/// other instances see the revocation when their entry ages out.
/// </summary>
public sealed class SessionStatusCache(IServiceScopeFactory scopes, IOptions<TokenOptions> options) : IDisposable
{
    private const int MaxEntries = 100_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    // Bumped by every Forget: a load that began before a revocation must not cache what it read.
    private long _generation;

    /// <summary>True when the session is live and the token is not older than the user's <c>TokensValidAfterUtc</c>.</summary>
    public async ValueTask<bool> AcceptsAsync(Guid sessionId, DateTime issuedAtUtc, CancellationToken cancellationToken)
    {
        if (!_cache.TryGetValue(sessionId, out SessionStatus? status))
        {
            var generation = Interlocked.Read(ref _generation);
            status = await LoadAsync(sessionId, cancellationToken);
            var duration = options.Value.RevocationCacheDuration;
            if (duration > TimeSpan.Zero)
            {
                _cache.Set(sessionId, status, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = duration });
                if (Interlocked.Read(ref _generation) != generation)
                {
                    _cache.Remove(sessionId);
                }
            }
        }

        // iat has whole seconds, so compare against the second in which the cut-off fell.
        return status is { Revoked: false } && issuedAtUtc >= TruncateToSeconds(status.TokensValidAfterUtc);
    }

    /// <summary>Drops what this instance knows of the session; call it after the revocation is committed.</summary>
    public void Forget(Guid sessionId)
    {
        Interlocked.Increment(ref _generation);
        _cache.Remove(sessionId);
    }

    public void Dispose() => _cache.Dispose();

    private async Task<SessionStatus?> LoadAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        return await db.Sessions.AsNoTracking()
            .Where(s => s.Id == sessionId)
            .Select(s => new SessionStatus(s.RevokedAtUtc != null, s.User.TokensValidAfterUtc))
            .SingleOrDefaultAsync(cancellationToken);
    }

    private static DateTime TruncateToSeconds(DateTime value) => value.AddTicks(-(value.Ticks % TimeSpan.TicksPerSecond));

    private sealed record SessionStatus(bool Revoked, DateTime TokensValidAfterUtc);
}
