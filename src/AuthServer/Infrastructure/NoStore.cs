namespace AuthServer.Infrastructure;

/// <summary>
/// Endpoint metadata: no cache may keep any answer of this endpoint, because it carries tokens, credentials or facts
/// about one user (RFC 6749 §5.1). <see cref="SecurityHeaders"/> writes the headers as the response starts, so they
/// come with every answer of the endpoint: the bare 400, 413 and 415 and the 401 challenge too, not only the handler's.
/// </summary>
public sealed class NoStore
{
    public static readonly NoStore Instance = new();

    private NoStore()
    {
    }
}
