using System.Security.Cryptography;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Reporting;

/// <summary>
/// Whether this service produced an uploaded PDF, byte for byte (its SHA-256 is that of a stored report), and when.
/// Nothing is stored; the answer names the report's kind and date, never its content or requester.
/// </summary>
public static class VerifyReport
{
    public sealed record Command(byte[]? Content) : IRequest<Result>;

    public sealed record Result(bool Produced, string Sha256, Guid? ReportId, ReportKind? Kind, string? FileName, DateTime? GeneratedAt);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Content).NotNull().WithMessage("Upload a PDF file.").OverridePropertyName("file");
            RuleFor(c => c.Content!).Must(b => b.Length > 0).WithMessage("The upload is empty.").When(c => c.Content is not null).OverridePropertyName("file");
            RuleFor(c => c.Content!).Must(IsPdf).WithMessage("The upload is not a PDF (it does not start with %PDF-).")
                .When(c => c.Content is { Length: > 0 }).OverridePropertyName("file");
        }

        private static bool IsPdf(byte[] b) => b.Length >= 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-';
    }

    internal sealed class Handler(AuditDbContext db) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command c, CancellationToken ct)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(c.Content!));
            var match = await db.Reports.AsNoTracking().Where(r => r.Sha256 == hash && r.Status == ReportStatus.Done)
                .OrderBy(r => r.CompletedAt).Select(r => new { r.Id, r.Kind, r.FileName, r.CompletedAt }).FirstOrDefaultAsync(ct);
            return match is null ? new Result(false, hash, null, null, null, null) : new Result(true, hash, match.Id, match.Kind, match.FileName, match.CompletedAt);
        }
    }
}
