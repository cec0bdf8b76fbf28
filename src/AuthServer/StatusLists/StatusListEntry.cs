namespace AuthServer.StatusLists;

/// <summary>A session's place in the Token Status Lists: the list and the entry in it.</summary>
public readonly record struct StatusListEntry(int List, int Index);
