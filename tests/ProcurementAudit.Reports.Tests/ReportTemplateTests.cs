using ProcurementAudit.Reports.Models;
using ProcurementAudit.Reports.Templates;

namespace ProcurementAudit.Reports.Tests;

public class ReportTemplateTests
{
    [Fact]
    public void Oversight_report_states_scope_period_times_and_sections()
    {
        var model = SampleModels.Oversight(25);
        var pages = PdfText.Pages(OversightReport.Render(model));
        var text = string.Join("\n", pages);

        foreach (var expected in new[]
        {
            "Звіт про нагляд", "Oversight report", "ДК «Укроборонпром»", "01.01.2025 – 31.03.2025",
            "Сформовано", "02.04.2025 12:30 (UTC+03:00)", "Дані станом на", "02.04.2025 09:30 (UTC+03:00)",
            "1. Зведення / Summary", "2. Метод і джерела", "3. Процедури з прапорцями", "4. Докази за прапорцями",
            "5. Думки спостерігачів", "6. Рекомендації", "7. Додатки", "Параметри індикаторів",
            "Прапорці за кодом індикатора", "Відповіді організатора немає", "Зміну скасовано, критерії відновлено.",
        })
            Assert.Contains(expected, text, StringComparison.Ordinal);
        for (var i = 0; i < pages.Count; i++)
            Assert.Contains($"Сторінка {i + 1} з {pages.Count}", pages[i], StringComparison.Ordinal);
    }

    [Fact]
    public void Oversight_report_with_2000_flagged_procedures_lists_every_one_under_a_repeated_header()
    {
        var model = SampleModels.Oversight(2000);
        var pages = PdfText.Pages(OversightReport.Render(model));

        Assert.True(pages.Count > 50, $"expected a long report, got {pages.Count} pages");
        var all = string.Join("\n", pages);
        foreach (var row in model.FlaggedProcedures)
            Assert.Contains(row.ProcedureId, all, StringComparison.Ordinal);
        Assert.Contains(Composition.Format.Money(model.FlaggedProcedures[0].Value!.Value.Minor).Replace('\u00A0', ' '), all, StringComparison.Ordinal);

        // Pages from the start of section 3 to the start of section 4 hold the procedures table: each shows its header.
        var from = pages.FindIndex(p => p.Contains("3. Процедури з прапорцями", StringComparison.Ordinal));
        var to = pages.FindIndex(p => p.Contains("4. Докази за прапорцями", StringComparison.Ordinal));
        Assert.True(from >= 0 && to > from + 10, $"procedures table pages {from}..{to}");
        for (var i = from; i <= to; i++)
        {
            Assert.Contains("ПідприємствоВид", pages[i].Replace(" ", ""), StringComparison.Ordinal);
            Assert.Contains("Перегляд", pages[i], StringComparison.Ordinal);
        }
        for (var i = 0; i < pages.Count; i++)
            Assert.Contains($"Сторінка {i + 1} з {pages.Count}", pages[i], StringComparison.Ordinal);
    }

    [Fact]
    public void Oversight_report_is_byte_for_byte_reproducible()
    {
        var model = SampleModels.Oversight(60);

        Assert.Equal(OversightReport.Render(model), OversightReport.Render(SampleModels.Oversight(60)));
        Assert.NotEqual(OversightReport.Render(model), OversightReport.Render(model with { ScopeName = "ДП «Інше»" }));
    }

    [Fact]
    public void Concurrent_renders_share_fonts_safely_and_agree()
    {
        var model = SampleModels.Oversight(40);
        var results = new byte[4][];

        Parallel.For(0, results.Length, i => results[i] = OversightReport.Render(model));

        Assert.All(results, r => Assert.Equal(results[0], r));
    }

    [Fact]
    public void Tender_dossier_has_timeline_bids_flags_observations_and_audit_trail()
    {
        var text = PdfText.Squash(PdfText.All(ProcedureDossier.Render(SampleModels.TenderDossier())));

        foreach (var expected in new[]
        {
            "Досьє процедури", "UA-2025-01-15-000123-a", "Закупівля бронежилетів та шоломів", "1. Хронологія / Timeline",
            "Розкрито пропозиції", "2. Пропозиції / Bids", "ТОВ «Укрспецпостач»", "12 300 000,00 грн", "R018 v1",
            "Подано лише одну пропозицію.", "Ринок обмежений.", "ГО «Антикорупційний центр»", "officer:o.petrenko",
        })
            Assert.Contains(PdfText.Squash(expected), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Competition_dossier_shows_scores_instead_of_bids()
    {
        var text = PdfText.All(ProcedureDossier.Render(SampleModels.CompetitionDossier()));

        Assert.Contains("2. Оцінки кандидатів / Scores", text, StringComparison.Ordinal);
        Assert.Contains("Співбесіда", text, StringComparison.Ordinal);
        Assert.Contains("24,50", text, StringComparison.Ordinal);
        Assert.Contains("відкликав заяву", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Bids", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sealed_bids_are_shown_as_sealed()
    {
        var model = SampleModels.TenderDossier() with { Bids = [new BidRow("ТОВ «Альфа»", null, null, "подано")] };

        Assert.Contains("прихована / sealed", PdfText.All(ProcedureDossier.Render(model)), StringComparison.Ordinal);
    }

    [Fact]
    public void Observer_report_has_observers_attendance_and_answers()
    {
        var text = PdfText.All(ObserverReport.Render(SampleModels.Observer()));

        foreach (var expected in new[]
        {
            "Звіт спостерігачів", "DC-0010", "Transparency International Україна", "Посольство Королівства Нідерландів",
            "Співбесіди", "відсутній", "Зміну скасовано, критерії відновлено.", "Відповіді організатора немає",
        })
            Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_rows_must_match_the_criteria()
    {
        var model = SampleModels.CompetitionDossier() with
        {
            Scores = new ScoreSheet(["Досвід", "План"], [new ScoreRow("Кандидат А", [1m], 1m, 1)]),
        };

        var error = Assert.Throws<ArgumentException>(() => ProcedureDossier.Render(model));
        Assert.Contains("1 values for 2 criteria", error.Message, StringComparison.Ordinal);
    }
}
