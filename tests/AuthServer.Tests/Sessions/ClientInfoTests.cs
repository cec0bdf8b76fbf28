using System.Net;
using AuthServer.Sessions;
using Microsoft.AspNetCore.Http;

namespace AuthServer.Tests.Sessions;

public sealed class ClientInfoTests
{
    [Theory]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    public void From_RecordsOneAddressPerClient(string remote, string recorded)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);

        Assert.Equal(recorded, ClientInfo.From(context).IpAddress);
    }

    [Fact]
    public void From_CutsAnOverlongUserAgent()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.UserAgent = new string('a', 2000);

        Assert.Equal(ClientInfo.MaxUserAgentLength, ClientInfo.From(context).UserAgent!.Length);
    }
}
