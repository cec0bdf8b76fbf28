using AuthServer.StatusLists;

namespace AuthServer.Sessions;

/// <summary>A session just revoked, with its status-list entry, if it has one, to set.</summary>
public sealed record RevokedSession(Guid Id, int? StatusList, int? StatusIndex)
{
    public StatusListEntry? Entry => StatusList is { } list && StatusIndex is { } index ? new StatusListEntry(list, index) : null;
}
