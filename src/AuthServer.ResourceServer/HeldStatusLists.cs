using System.Collections.Concurrent;

namespace AuthServer.ResourceServer;

/// <summary>The Status Lists one API holds, by uri, as <see cref="StatusListRefresher"/> keeps them; read on every request.</summary>
public sealed class HeldStatusLists
{
    private readonly ConcurrentDictionary<string, StatusListSnapshot> _lists = new(StringComparer.Ordinal);

    /// <summary>The uris of the lists held.</summary>
    public ICollection<string> Uris => _lists.Keys;

    /// <summary>What the lists say of <paramref name="reference"/> at <paramref name="now"/>, allowing <paramref name="grace"/> past a list's ttl.</summary>
    public StatusVerdict Check(StatusReference? reference, DateTime now, TimeSpan grace)
    {
        if (reference is null || !_lists.TryGetValue(reference.Uri, out var list))
        {
            return StatusVerdict.Unknown;
        }

        if (now >= list.DueAtUtc + grace || now >= list.ExpiresAtUtc)
        {
            return StatusVerdict.Stale;
        }

        if (reference.Index >= list.Entries)
        {
            return StatusVerdict.OutOfRange;
        }

        return list.StatusOf(reference.Index) == 0 ? StatusVerdict.Valid : StatusVerdict.Revoked;
    }

    internal StatusListSnapshot? Get(string uri) => _lists.GetValueOrDefault(uri);

    internal void Set(string uri, StatusListSnapshot list) => _lists[uri] = list;

    internal void RemoveAllBut(IReadOnlySet<string> uris)
    {
        foreach (var uri in _lists.Keys.Where(u => !uris.Contains(u)))
        {
            _lists.TryRemove(uri, out _);
        }
    }
}
