namespace AuthServer.Features.StatusLists;

/// <summary>A Status List Aggregation (draft-ietf-oauth-status-list-20 §9): <c>{"status_lists": [uri, …]}</c>.</summary>
public sealed record StatusListAggregation(IReadOnlyList<string> StatusLists);
