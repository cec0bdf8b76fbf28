namespace AuthServer.StatusLists;

/// <summary>One list in <see cref="StatusListStore"/>: its bits, when they were loaded, and the token last signed over them.</summary>
internal sealed class StatusListState(byte[] bits, DateTimeOffset loadedAt)
{
    private readonly Lock _gate = new();
    private byte[] _bits = bits;
    private int _version;
    private (int Version, DateTimeOffset SignedAt, StatusListDocument Document)? _signed;

    public DateTimeOffset LoadedAt { get; private set; } = loadedAt;

    public void Set(int index)
    {
        lock (_gate)
        {
            StatusListEncoding.Set(_bits, index);
            _version++;
        }
    }

    /// <summary>Takes freshly loaded bits, keeping any set since: an entry never goes back to valid.</summary>
    public StatusListState Reloaded(byte[] loaded, DateTimeOffset at)
    {
        lock (_gate)
        {
            for (var i = 0; i < loaded.Length; i++)
            {
                loaded[i] |= _bits[i];
            }

            if (!loaded.AsSpan().SequenceEqual(_bits))
            {
                _version++;
            }

            _bits = loaded;
            LoadedAt = at;
            return this;
        }
    }

    /// <summary>The token over the current bits, signed again when they changed or the last one is <paramref name="timeToLive"/> old.</summary>
    public StatusListDocument Document(DateTimeOffset now, TimeSpan timeToLive, Func<byte[], StatusListDocument> sign)
    {
        lock (_gate)
        {
            if (_signed is not { } signed || signed.Version != _version || now - signed.SignedAt >= timeToLive)
            {
                signed = (_version, now, sign(_bits));
                _signed = signed;
            }

            return signed.Document;
        }
    }
}
