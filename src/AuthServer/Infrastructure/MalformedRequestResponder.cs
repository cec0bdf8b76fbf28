using Microsoft.AspNetCore.Diagnostics;

namespace AuthServer.Infrastructure;

/// <summary>
/// Gives the contract's error body to the bare 400, 413 and 415 answers that ASP.NET Core sends when a
/// body cannot be bound (invalid JSON, wrong JSON types, a missing body, too large, wrong content type).
/// </summary>
public static class MalformedRequestResponder
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var response = context.HttpContext.Response;
        var description = response.StatusCode switch
        {
            StatusCodes.Status400BadRequest => "The request body is missing or is not JSON of the expected shape.",
            StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
            StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON (Content-Type: application/json).",
            _ => null,
        };
        return description is null
            ? Task.CompletedTask
            : response.WriteAsJsonAsync(new AuthError(AuthErrors.InvalidRequestCode, description));
    }
}
