using AuthServer.Infrastructure;
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
            routes.MapPost("/register", HandleAsync).WithName("Register").AllowAnonymous();
        }

        return routes;
    }

    public static async Task<Results<Created<RegisterResponse>, JsonHttpResult<AuthError>>> HandleAsync(
        RegisterRequest request, UserRegistration registration, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Username) || string.IsNullOrEmpty(request.Password))
        {
            return AuthErrors.InvalidRequest("Both username and password are required.");
        }

        var outcome = await registration.RegisterAsync(request.Username, request.Password, cancellationToken);
        return outcome switch
        {
            { User: { } user } => TypedResults.Created((string?)null, new RegisterResponse(user.Id, user.Username)),
            { Failure: RegistrationFailure.UsernameTaken } => AuthErrors.UsernameTaken(outcome.Description!),
            _ => AuthErrors.InvalidRequest(outcome.Description!),
        };
    }
}
