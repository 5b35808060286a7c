using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk;

/// <summary>A monitor or auditor comments on a flag; the comment joins its history.</summary>
public static class CommentOnFlag
{
    public sealed record Command(long FlagId, string? Text) : IRequest<Result>;

    public sealed record Result(long Id, long FlagId, DateTime At, string Actor, string Text);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Text).NotEmpty().Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("A comment needs text.").MaximumLength(4000);
    }

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            if (!await db.Flags.AnyAsync(f => f.Id == request.FlagId, cancellationToken))
                throw new NotFoundException("Flag", request.FlagId);
            var comment = new FlagEvent { FlagId = request.FlagId, Kind = FlagEventKind.Commented, At = clock.GetUtcNow().UtcDateTime, Actor = actor.Id, Text = request.Text!.Trim() };
            db.FlagEvents.Add(comment);
            await db.SaveChangesAsync(cancellationToken);
            return new Result(comment.Id, comment.FlagId, comment.At, comment.Actor, comment.Text);
        }
    }
}
