using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Common;

/// <summary>Who is acting: a signed-in user, a job (<c>system:job:&lt;id&gt;</c>) or the command line.</summary>
public interface ICurrentActor
{
    string Id { get; }
    bool IsInRole(string role);
    /// <summary>Jobs, the CLI and start-up seeding act for the system and see everything.</summary>
    bool IsSystem { get; }
    /// <summary>The user's grants (officer of enterprises, monitor accreditations); empty for the system.</summary>
    IReadOnlyList<UserAccess> Grants { get; }
}

/// <summary>The actor for code that runs outside a request: jobs, the CLI, start-up seeding.</summary>
public sealed class SystemActor(string id = "system") : ICurrentActor
{
    public string Id { get; } = id;
    public bool IsInRole(string role) => true;
    public bool IsSystem => true;
    public IReadOnlyList<UserAccess> Grants => [];
}
