using System.Buffers.Text;
using System.Net.Sockets;
using System.Text;

namespace AuthServer.Benchmarks.Load;

/// <summary>
/// One keep-alive HTTP/1.1 connection that sends prepared requests and reads the answers with as little work as the
/// protocol allows: the status code, <c>Content-Length</c> or chunked bodies, nothing else. The load generator shares the
/// machine with the server, so every microsecond it spends is taken from the server.
/// </summary>
internal sealed class RawHttpConnection : IDisposable
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    private readonly Socket _socket;
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    private RawHttpConnection(Socket socket) => _socket = socket;

    public static async Task<RawHttpConnection> OpenAsync(Uri server)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server.Host, server.Port);
        return new RawHttpConnection(socket);
    }

    public static byte[] Get(Uri server, string path, string? bearerToken = null) => Encoding.ASCII.GetBytes(
        $"GET {path} HTTP/1.1\r\nHost: {server.Authority}\r\n{(bearerToken is null ? "" : $"Authorization: Bearer {bearerToken}\r\n")}\r\n");

    public static byte[] PostJson(Uri server, string path, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        return [.. Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"), .. body];
    }

    /// <summary>Sends <paramref name="request"/> and returns the answer's status code and body (valid until the next call).</summary>
    public async Task<(int Status, ReadOnlyMemory<byte> Body)> SendAsync(ReadOnlyMemory<byte> request)
    {
        await _socket.SendAsync(request);
        int headerEnd;
        while ((headerEnd = _buffer.AsSpan(_start, _end - _start).IndexOf(HeaderEnd)) < 0)
        {
            await FillAsync();
        }

        var head = _buffer.AsSpan(_start, headerEnd);
        var status = ParseStatus(head);
        var contentLength = HeaderValue(head, "content-length:"u8);
        var chunked = contentLength.IsEmpty && HeaderValue(head, "transfer-encoding:"u8).SequenceEqual("chunked"u8);
        _start += headerEnd + HeaderEnd.Length;
        if (!chunked)
        {
            var length = contentLength.IsEmpty ? 0 : ParseInt(contentLength);
            var body = await TakeAsync(length);
            return (status, body);
        }

        return (status, await TakeChunkedAsync());
    }

    public void Dispose() => _socket.Dispose();

    private async Task<ReadOnlyMemory<byte>> TakeAsync(int length)
    {
        while (_end - _start < length)
        {
            await FillAsync();
        }

        var body = _buffer.AsMemory(_start, length);
        _start += length;
        return body;
    }

    private async Task<ReadOnlyMemory<byte>> TakeChunkedAsync()
    {
        var body = new List<byte>();
        while (true)
        {
            int lineEnd;
            while ((lineEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
            {
                await FillAsync();
            }

            var size = Convert.ToInt32(Encoding.ASCII.GetString(_buffer, _start, lineEnd).Split(';')[0], 16);
            _start += lineEnd + 2;
            var chunk = await TakeAsync(size + 2); // the chunk and its CRLF
            if (size == 0)
            {
                return body.ToArray(); // no trailers: Kestrel sends none unless asked
            }

            body.AddRange(chunk.Span[..size]);
        }
    }

    private async Task FillAsync()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            (_end, _start) = (_end - _start, 0);
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end));
        if (read == 0)
        {
            throw new IOException("The server closed the connection.");
        }

        _end += read;
    }

    private static int ParseStatus(ReadOnlySpan<byte> head) =>
        Utf8Parser.TryParse(head.Slice("HTTP/1.1 ".Length, 3), out int status, out _) ? status : throw new IOException("Not an HTTP/1.1 status line.");

    private static ReadOnlySpan<byte> HeaderValue(ReadOnlySpan<byte> head, ReadOnlySpan<byte> lowerCaseName)
    {
        foreach (var range in head.Split("\r\n"u8))
        {
            var line = head[range];
            if (line.Length > lowerCaseName.Length && Ascii.EqualsIgnoreCase(line[..lowerCaseName.Length], lowerCaseName))
            {
                return line[lowerCaseName.Length..].Trim((byte)' ');
            }
        }

        return [];
    }

    private static int ParseInt(ReadOnlySpan<byte> digits) =>
        Utf8Parser.TryParse(digits, out int value, out _) ? value : throw new IOException("Not a length.");
}
