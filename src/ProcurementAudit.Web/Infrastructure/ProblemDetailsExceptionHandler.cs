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
            ValidationException v => Validation(v.Errors.GroupBy(e => JsonName(e.PropertyName)).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray())),
            DomainValidationException d => Validation(d.Errors.ToDictionary(e => JsonName(e.Key), e => e.Value)),
            BadHttpRequestException b => Validation(BodyErrors(b)),
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

    // A JSON error is reported under the field it concerns (its JSON path), with the parser's line and position.
    private static Dictionary<string, string[]> BodyErrors(BadHttpRequestException exception)
    {
        if (exception.InnerException is not System.Text.Json.JsonException json)
            return new() { ["request"] = [exception.Message] };
        var field = json.Path is { Length: > 2 } path ? path[2..] : "body";
        var message = json.BytePositionInLine is { } position
            ? $"The body is not valid JSON here (line {json.LineNumber + 1}, position {position + 1}): a value of the wrong type or malformed syntax."
            : "The body is not valid JSON.";
        return new() { [field] = [message] };
    }

    // Field names as the client wrote them: camelCase, per path segment ("Tenderer.IdentifierId" -> "tenderer.identifierId").
    private static string JsonName(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(s => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..]));
}
