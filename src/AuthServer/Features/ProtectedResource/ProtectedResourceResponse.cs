namespace AuthServer.Features.ProtectedResource;

public sealed record ProtectedResourceResponse(string Data, ResourceOwner User);
