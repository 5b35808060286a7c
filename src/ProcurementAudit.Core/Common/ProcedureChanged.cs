using MediatR;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Common;

/// <summary>
/// Published by every handler that changes a procedure (after SaveChanges), so the risk engine can rescan it.
/// </summary>
public sealed record ProcedureChanged(ProcedureKind Kind, int ProcedureId) : INotification;
