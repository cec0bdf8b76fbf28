using Microsoft.Extensions.Caching.Memory;

namespace AuthServer.ResourceServer;

/// <summary>
/// The tokens verified lately, by their whole text, at most <c>capacity</c> of them: an access token is presented
/// hundreds of times in its life, and only the first presentation pays for the signature. Only verified tokens enter;
/// each leaves when it expires, or earlier when the cache is full.
/// </summary>
public sealed class VerifiedTokenCache(int capacity) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = capacity, CompactionPercentage = 0.25 });

    public int Capacity => capacity;

    /// <summary>How many tokens are kept now.</summary>
    public int Count => _cache.Count;

    public void Dispose() => _cache.Dispose();

    internal bool TryGet(string token, out VerifiedToken verified) => _cache.TryGetValue(token, out verified!);

    internal void Add(string token, VerifiedToken verified) =>
        _cache.Set(token, verified, new MemoryCacheEntryOptions
        {
            Size = 1,
            // Only sweeps: whether a kept token still holds is judged on the injected clock at every use.
            AbsoluteExpiration = new DateTimeOffset(verified.Token.ValidTo, TimeSpan.Zero) + AuthServerTokenValidation.ClockSkew,
        });
}
