using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;

namespace ProcurementAudit.Web.Infrastructure;

/// <summary>The one mapping from exceptions to ProblemDetails: bad input never becomes a 500.</summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException v => Validation(v.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray())),
            DomainValidationException d => Validation(d.Errors.ToDictionary()),
            BadHttpRequestException b => Validation(new Dictionary<string, string[]> { ["body"] = [BodyError(b)] }),
            NotFoundException n => Problem(StatusCodes.Status404NotFound, "Not found", n.Message),
            ConflictException c => Problem(StatusCodes.Status409Conflict, "Conflict", c.Message),
            DbUpdateConcurrencyException => Problem(StatusCodes.Status409Conflict, "Conflict", "The resource was changed by someone else since you read it; read it again and retry."),
            ForbiddenException f => Problem(StatusCodes.Status403Forbidden, "Forbidden", f.Message),
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled {Exception} on {Path}", exception.GetType().Name, httpContext.Request.Path);
            return false;
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ValidationProblemDetails Validation(IDictionary<string, string[]> errors) => new(errors)
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "One or more fields are invalid.",
    };

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    // The framework's message for a JSON error names the parameter and the position, which is what a caller needs.
    private static string BodyError(BadHttpRequestException exception) =>
        exception.InnerException is System.Text.Json.JsonException json ? $"The body is not valid JSON: {json.Message}" : exception.Message;
}
