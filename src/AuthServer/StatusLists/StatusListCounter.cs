namespace AuthServer.StatusLists;

/// <summary>How many status-list entries have been handed out, ever: the one row that numbers them. Only ever incremented.</summary>
public sealed class StatusListCounter
{
    public const int SingletonId = 1;

    public int Id { get; init; }

    public long Allocated { get; init; }
}
