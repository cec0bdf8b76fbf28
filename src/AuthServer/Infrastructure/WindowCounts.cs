namespace AuthServer.Infrastructure;

/// <summary>
/// Counts per key in fixed windows that start at a key's first count, in this process's memory. Expired windows are
/// swept as counts come in, and at most <paramref name="capacity"/> keys are kept: past that the least recently counted
/// are forgotten, so a flood of fresh keys costs bounded memory. Not thread-safe: the owner holds a lock.
/// </summary>
internal sealed class WindowCounts(TimeSpan window, int capacity = WindowCounts.DefaultCapacity)
{
    public const int DefaultCapacity = 100_000;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private DateTime _nextSweep;

    /// <summary>The count of <paramref name="key"/> in its current window, and when that window ends.</summary>
    public (int Count, DateTime EndsAt, DateTime LastAt) Get(string key, DateTime now) =>
        _entries.TryGetValue(key, out var entry) && now < entry.Start + window ? (entry.Count, entry.Start + window, entry.Last) : (0, now + window, default);

    /// <summary>Counts one for <paramref name="key"/> and returns its count in the window.</summary>
    public int Add(string key, DateTime now)
    {
        Sweep(now);
        var (count, endsAt, _) = Get(key, now);
        var start = count == 0 ? now : endsAt - window;
        _entries[key] = new Entry(count + 1, start, now);
        return count + 1;
    }

    /// <summary>Takes one back (a permit given and not used).</summary>
    public void Subtract(string key, DateTime now)
    {
        if (_entries.TryGetValue(key, out var entry) && now < entry.Start + window)
        {
            _entries[key] = entry with { Count = Math.Max(0, entry.Count - 1) };
        }
    }

    public void Remove(string key) => _entries.Remove(key);

    private void Sweep(DateTime now)
    {
        if (now < _nextSweep && _entries.Count < capacity)
        {
            return;
        }

        _nextSweep = now + TimeSpan.FromSeconds(Math.Min(60, window.TotalSeconds));
        foreach (var (key, entry) in _entries)
        {
            if (now >= entry.Start + window)
            {
                _entries.Remove(key);
            }
        }

        if (_entries.Count >= capacity)
        {
            foreach (var key in _entries.OrderBy(e => e.Value.Last).Take(_entries.Count - (capacity * 9 / 10)).Select(e => e.Key).ToList())
            {
                _entries.Remove(key);
            }
        }
    }

    private readonly record struct Entry(int Count, DateTime Start, DateTime Last);
}
