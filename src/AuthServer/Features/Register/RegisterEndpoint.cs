using AuthServer.Infrastructure;
using AuthServer.Sessions;
using AuthServer.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AuthServer.Features.Register;

public static class RegisterEndpoint
{
    /// <summary>Maps <c>POST /register</c> unless <c>Auth:AllowRegistration</c> is false: then it is a 404, whatever the body.</summary>
    public static IEndpointRouteBuilder MapRegister(this IEndpointRouteBuilder routes)
    {
        if (routes.ServiceProvider.GetRequiredService<IOptions<RegistrationOptions>>().Value.AllowRegistration)
        {
            routes.MapPost("/register", HandleAsync).WithName("Register");
        }

        return routes;
    }

    public static async Task<Results<Created<RegisterResponse>, JsonHttpResult<AuthError>>> HandleAsync(
        RegisterRequest request, HttpContext context, UserRegistration registration, CancellationToken cancellationToken)
    {
        var registered = await registration.RegisterAsync(request.Username, request.Password, ClientInfo.From(context), cancellationToken);
        return registered.Succeeded
            ? TypedResults.Created((string?)null, new RegisterResponse(registered.Value.Id, registered.Value.Username))
            : AuthErrors.Answer(registered.Refusal, context.Response);
    }
}
