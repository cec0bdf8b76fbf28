namespace AuthServer.StatusLists;

/// <summary>A signed Status List Token as served, with the entity tag of its bytes.</summary>
public sealed record StatusListDocument(string Token, string ETag);
