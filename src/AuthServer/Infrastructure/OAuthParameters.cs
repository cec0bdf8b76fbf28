using System.Text.Json;

namespace AuthServer.Infrastructure;

/// <summary>
/// The parameters of a <c>/token</c> or <c>/revoke</c> request: an RFC 6749 form
/// (<c>application/x-www-form-urlencoded</c>) or the same fields as a flat JSON object of strings.
/// As RFC 6749 §3.1 asks, a parameter without a value counts as omitted and a repeated one is refused.
/// </summary>
public sealed class OAuthParameters
{
    private readonly Dictionary<string, string> _values;

    private OAuthParameters(Dictionary<string, string> values) => _values = values;

    public string? this[string name] => _values.GetValueOrDefault(name);

    /// <summary>The parameters, or why they cannot be read: <c>invalid_request</c> (a 413 for a body over the limit).</summary>
    public static async Task<Result<OAuthParameters>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            if (request.HasFormContentType)
            {
                return FromForm(await request.ReadFormAsync(cancellationToken));
            }

            if (request.HasJsonContentType())
            {
                using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
                return FromJson(json.RootElement);
            }
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refusal.PayloadTooLarge("The request body is larger than this server accepts.");
        }
        catch (Exception exception) when (exception is JsonException or InvalidDataException or BadHttpRequestException)
        {
            return Refusal.InvalidRequest("The request body cannot be read as a form or as JSON.");
        }

        return Refusal.InvalidRequest("Send the parameters as application/x-www-form-urlencoded or as application/json.");
    }

    private static Result<OAuthParameters> FromForm(IFormCollection form)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in form)
        {
            if (value.Count > 1)
            {
                return Refusal.InvalidRequest($"{Named(name)} is repeated.");
            }

            if (!string.IsNullOrEmpty(value.ToString()))
            {
                values[name] = value.ToString();
            }
        }

        return new OAuthParameters(values);
    }

    private static Result<OAuthParameters> FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Refusal.InvalidRequest("The JSON body must be an object.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
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

    // RFC 6749 §5.2 allows only printable ASCII without '"' and '\' in error_description: echo a name only when it is plainly one.
    private static string Named(string name) =>
        name.Length <= 32 && name.All(c => c is (>= 'a' and <= 'z') or '_') ? $"The parameter {name}" : "A parameter";
}
