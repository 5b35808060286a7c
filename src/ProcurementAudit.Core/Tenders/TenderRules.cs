using FluentValidation;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Tenders;

/// <summary>Rules shared by the tender use cases.</summary>
internal static class TenderRules
{
    /// <summary>Bid amounts stay sealed to everyone until the bid deadline has passed.</summary>
    public static bool IsSealed(DateTime? bidDeadline, DateTime nowUtc) => bidDeadline is { } deadline && nowUtc < deadline;

    public static IRuleBuilderOptions<T, decimal?> ValidAmount<T>(this IRuleBuilder<T, decimal?> rule) =>
        rule.GreaterThan(0).LessThan(1_000_000_000_000m)
            .Must(v => v is null || decimal.Round(v.Value, 2) == v.Value).WithMessage("'{PropertyName}' has at most two decimal places.");

    public static IRuleBuilderOptions<T, decimal> ValidAmount<T>(this IRuleBuilder<T, decimal> rule) =>
        rule.GreaterThan(0).LessThan(1_000_000_000_000m)
            .Must(v => decimal.Round(v, 2) == v).WithMessage("'{PropertyName}' has at most two decimal places.");

    public static IRuleBuilderOptions<T, string?> ValidCurrency<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Matches("^[A-Z]{3}$").WithMessage("'{PropertyName}' must be an ISO 4217 code such as UAH.");

    public static IRuleBuilderOptions<T, string?> ValidCpv<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Matches(@"^\d{8}-\d$").WithMessage("'{PropertyName}' must be a CPV code such as 09130000-9.");

    public static long? Minor(decimal? amount) => amount is { } a ? Money.ToMinor(a) : null;
}
