using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;

namespace ProcurementAudit.Core.Common;

/// <summary>Logs the request's name, a request id and the outcome; never the payload (it may hold personal data).</summary>
public sealed class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger, ICurrentActor actor)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = RequestName(typeof(TRequest));
        var requestId = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        var started = Stopwatch.GetTimestamp();
        // The outermost use case names the audit-trail entries of the changes it makes.
        var outer = Data.AuditTrailWriter.CurrentAction.Value;
        Data.AuditTrailWriter.CurrentAction.Value = outer ?? name;
        try
        {
            var response = await next();
            logger.LogInformation("{Request} {RequestId} by {Actor} done in {ElapsedMs} ms", name, requestId, actor.Id, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex)
        {
            logger.LogInformation("{Request} {RequestId} by {Actor} failed with {Error} in {ElapsedMs} ms", name, requestId, actor.Id, ex.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        finally
        {
            Data.AuditTrailWriter.CurrentAction.Value = outer;
        }
    }

    // Nested use-case types read as "CreateTender.Command".
    private static string RequestName(Type type) => type.DeclaringType is null ? type.Name : $"{type.DeclaringType.Name}.{type.Name}";
}
