using Microsoft.IdentityModel.Tokens;

namespace AuthServer.ResourceServer;

/// <summary>A token with a <c>crit</c> header: RFC 7515 §4.1.11 makes a recipient refuse extensions it does not understand.</summary>
public sealed class CriticalHeaderException() : SecurityTokenException("The token has a critical header extension this API does not understand.");
