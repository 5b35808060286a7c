namespace ProcurementAudit.Core.Common;

/// <summary>The resource does not exist (or, out of the caller's scope, must not be revealed): 404.</summary>
public sealed class NotFoundException(string resource, object id)
    : Exception($"{resource} {id} was not found.")
{
    public string Resource { get; } = resource;
}

/// <summary>The request conflicts with the resource's state (a rule of the workflow, a stale version): 409.</summary>
public sealed class ConflictException(string message) : Exception(message);

/// <summary>The caller may see the resource but not do this to it: 403.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>A rule on the input that only the handler can check (it needs the database): 400 with field errors.</summary>
public sealed class DomainValidationException(string field, string message) : Exception(message)
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = new Dictionary<string, string[]> { [field] = [message] };
}
