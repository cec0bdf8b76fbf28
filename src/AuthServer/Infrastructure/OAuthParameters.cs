using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Net.Http.Headers;

namespace AuthServer.Infrastructure;

/// <summary>
/// The parameters of a <c>/token</c> or <c>/revoke</c> request: an RFC 6749 form
/// (<c>application/x-www-form-urlencoded</c>) or the same fields as a flat JSON object of strings.
/// As RFC 6749 §3.1 asks, a parameter without a value counts as omitted and a repeated one is refused. Text must be
/// UTF-8 (Appendix B): bytes that are not, in the body or percent-encoded, and JSON strings with an unpaired surrogate are
/// refused, never replaced or let through to fail later.
/// </summary>
public sealed class OAuthParameters
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Dictionary<string, string> _values;

    private OAuthParameters(Dictionary<string, string> values) => _values = values;

    public string? this[string name] => _values.GetValueOrDefault(name);

    /// <summary>The parameters, or why they cannot be read: <c>invalid_request</c> (a 413 for a body over the limit).</summary>
    public static async Task<Result<OAuthParameters>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var isForm = MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            && mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        if (!isForm && !request.HasJsonContentType())
        {
            return Refusal.InvalidRequest("Send the parameters as application/x-www-form-urlencoded or as application/json.");
        }

        byte[] body;
        try
        {
            // Bounded by Kestrel:Limits:MaxRequestBodySize (64 KiB unless configured).
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refusal.PayloadTooLarge("The request body is larger than this server accepts.");
        }

        if (!Utf8.IsValid(body))
        {
            return Refusal.InvalidRequest("The request body is not UTF-8.");
        }

        return isForm ? FromForm(body) : FromJson(body);
    }

    private static Result<OAuthParameters> FromForm(byte[] body)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in body.AsSpan().Split((byte)'&'))
        {
            var field = body.AsSpan(pair);
            if (field.IsEmpty)
            {
                continue;
            }

            var equals = field.IndexOf((byte)'=');
            var name = Decode(equals < 0 ? field : field[..equals]);
            var value = equals < 0 ? "" : Decode(field[(equals + 1)..]);
            if (name is null || value is null)
            {
                return Refusal.InvalidRequest("A form parameter is not percent-encoded UTF-8.");
            }

            if (!seen.Add(name))
            {
                return Refusal.InvalidRequest($"{Named(name)} is repeated.");
            }

            if (value.Length > 0)
            {
                values[name] = value;
            }
        }

        return new OAuthParameters(values);
    }

    private static Result<OAuthParameters> FromJson(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Refusal.InvalidRequest("The JSON body must be an object.");
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    return Refusal.InvalidRequest($"{Named(property.Name)} is repeated.");
                }

                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.Null:
                        break;
                    case JsonValueKind.String when property.Value.GetString() is { Length: > 0 } value:
                        values[property.Name] = value;
                        break;
                    case JsonValueKind.String:
                        break;
                    default:
                        return Refusal.InvalidRequest($"{Named(property.Name)} must be a string.");
                }
            }

            return new OAuthParameters(values);
        }
        catch (JsonException)
        {
            return Refusal.InvalidRequest("The request body is not valid JSON.");
        }
        catch (InvalidOperationException)
        {
            // GetString and Name refuse a string that cannot be text: an escaped unpaired surrogate such as "\ud800".
            return Refusal.InvalidRequest("A JSON string in the request body is not valid Unicode text.");
        }
    }

    // application/x-www-form-urlencoded: '+' is a space and %XX a byte; the bytes must then be UTF-8.
    private static string? Decode(ReadOnlySpan<byte> encoded)
    {
        var bytes = WebUtility.UrlDecodeToBytes(encoded.ToArray(), 0, encoded.Length);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    // RFC 6749 §5.2 allows only printable ASCII without '"' and '\' in error_description: echo a name only when it is plainly one.
    private static string Named(string name) =>
        name.Length <= 32 && name.All(c => c is (>= 'a' and <= 'z') or '_') ? $"The parameter {name}" : "A parameter";
}
