namespace ProcurementAudit.Core.Common;

/// <summary>Who is acting: a signed-in user, a job (<c>system:job:&lt;id&gt;</c>) or the command line.</summary>
public interface ICurrentActor
{
    string Id { get; }
    bool IsInRole(string role);
}

/// <summary>The actor for code that runs outside a request: jobs, the CLI, start-up seeding.</summary>
public sealed class SystemActor(string id = "system") : ICurrentActor
{
    public string Id { get; } = id;
    public bool IsInRole(string role) => true;
}
