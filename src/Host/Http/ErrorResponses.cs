using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using PluginBot.Abstractions.Errors;

namespace PluginBot.Host.Http;

/// <summary>Turns the kernel's typed errors into RFC 7807 problem details; anything else is a 500 without internals.</summary>
internal sealed class ErrorResponses(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            RequestValidationException => (StatusCodes.Status400BadRequest, "Invalid request"),
            Abstractions.Commands.CommandSyntaxException => (StatusCodes.Status400BadRequest, "Invalid request"),
            ForbiddenException => (StatusCodes.Status403Forbidden, "Forbidden"),
            NotFoundException => (StatusCodes.Status404NotFound, "Not found"),
            ConflictException => (StatusCodes.Status409Conflict, "Conflict"),
            RateLimitedException => (StatusCodes.Status429TooManyRequests, "Too many requests"),
            Pipeline.AuditUnavailableException => (StatusCodes.Status503ServiceUnavailable, "Not recorded"),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request"),
            _ => (StatusCodes.Status500InternalServerError, "Internal error"),
        };
        if (exception is RateLimitedException limited)
        {
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(limited.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        httpContext.Response.StatusCode = status;
        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = title,
                Detail = exception is PluginBotException or BadHttpRequestException ? exception.Message : "The error is logged on the server.",
            },
        };
        if (exception is RequestValidationException invalid)
        {
            context.ProblemDetails.Extensions["errors"] = invalid.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        }

        return await problems.TryWriteAsync(context);
    }
}
