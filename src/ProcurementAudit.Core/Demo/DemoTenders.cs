using ProcurementAudit.Core.Domain;
using static ProcurementAudit.Core.Demo.DemoPlantedCases;

namespace ProcurementAudit.Core.Demo;

/// <summary>
/// 300+ tenders. Background tenders are generated so that no red flag fires on them by accident, except the single
/// bids that open tenders really do get (R018): submission periods of 16+ days, all bid amounts distinct, second bids
/// 4-10% above the winner, awards 14-25% under the estimate, non-open purchases budgeted per buyer, CPV division and
/// year well under the P-SPLIT thresholds, and amounts kept away from the 400 000 / 1 500 000 UAH thresholds.
/// The planted cases of <see cref="DemoPlantedCases"/> are built explicitly beside them.
/// </summary>
internal static class DemoTenders
{
    public const int BackgroundCount = 290;
    public const int OpenNowCount = 5;

    public static int Build(DemoWorld world)
    {
        var builder = new Builder(world, new Random(2002));
        builder.Planted();
        builder.Background();
        builder.OpenNow();
        return builder.Register();
    }

    private sealed class Draft(Tender tender, Organisation enterprise)
    {
        public Tender Tender { get; } = tender;
        public Organisation Enterprise { get; } = enterprise;
        public List<Lot> Lots { get; } = [];
        public List<(TenderItem Item, Lot? Lot)> Items { get; } = [];
        public List<BidDraft> Bids { get; } = [];
        public List<AwardDraft> Awards { get; } = [];
        public List<ContractDraft> Contracts { get; } = [];
        public HashSet<long> Amounts { get; } = [];
    }

    private sealed record BidDraft(Bid Bid, Party Party, Lot? Lot);
    private sealed record AwardDraft(Award Award, Party Party, BidDraft? Bid, Lot? Lot);
    private sealed record ContractDraft(Contract Contract, AwardDraft Award);

    private sealed class Builder(DemoWorld world, Random rng)
    {
        private const long GoodsThreshold = 400_000_00;
        private const long WorksThreshold = 1_500_000_00;
        // Background non-open purchases stay under these per buyer x CPV division x year (P-SPLIT thresholds are higher).
        private const long GoodsBudget = 300_000_00;
        private const long WorksBudget = 1_200_000_00;

        private readonly SortedDictionary<int, Draft> drafts = [];
        private readonly Dictionary<(string Edrpou, int Year, string Division), long> nonOpen = [];
        private int contractSeq;

        private static readonly string[] TitleTails =
        [
            "", " для виробничих потреб", " для потреб підприємства", " (річна потреба)", " для ремонтного цеху",
            " для складу матеріально-технічного забезпечення", " для дослідного виробництва",
        ];

        private DateTime Day(int year, int month, int day) => DemoWorld.Day(year, month, day, 9 + rng.Next(8));

        private Draft New(int number, Organisation enterprise, Cpv cpv, ProcurementMethod method, long? estimate, DateTime start,
            int? periodDays, string? title = null, int items = 0)
        {
            if (drafts.ContainsKey(number)) throw new InvalidOperationException($"Demo tender {number} is built twice.");
            var tender = new Tender
            {
                Ocid = TenderOcid(number),
                Title = title ?? cpv.Name + TitleTails[rng.Next(TitleTails.Length)],
                Description = $"ДК 021:2015: {cpv.Code} — {cpv.Name}. Замовник: {enterprise.Name}.",
                Method = method,
                MethodDetails = method switch
                {
                    ProcurementMethod.Open => "Відкриті торги з особливостями",
                    ProcurementMethod.Selective => "Торги з обмеженою участю",
                    ProcurementMethod.Limited => "Переговорна процедура для потреб оборони",
                    _ => "Закупівля без використання електронної системи",
                },
                Category = cpv.IsWorks ? ProcurementCategory.Works : cpv.IsServices ? ProcurementCategory.Services : ProcurementCategory.Goods,
                Status = TenderStatus.Complete,
                EstimatedValueMinor = estimate,
                CreatedAt = start.AddDays(-1),
                UpdatedAt = start,
                CreatedBy = DemoWorld.Actor,
            };
            if (periodDays is { } days)
            {
                tender.TenderPeriodStart = start;
                tender.TenderPeriodEnd = start.AddDays(days);
                tender.AwardPeriodStart = tender.TenderPeriodEnd;
            }
            var draft = new Draft(tender, enterprise);
            var count = items > 0 ? items : 1 + rng.Next(3);
            for (var i = 0; i < count; i++)
            {
                var quantity = cpv.Unit is "роботи" or "послуга" ? 1 : (decimal)(10 * (1 + rng.Next(200)));
                var description = i == 0 ? cpv.Name : $"{cpv.Name}, позиція {i + 1}";
                draft.Items.Add((new TenderItem { Description = description, CpvCode = cpv.Code, Quantity = quantity, Unit = cpv.Unit }, null));
            }
            drafts.Add(number, draft);
            return draft;
        }

        private BidDraft Bid(Draft d, Party party, long amount, DateTime at, BidStatus status = BidStatus.Valid, string? reason = null, Lot? lot = null)
        {
            if (!d.Amounts.Add(amount) && status != BidStatus.Withdrawn && !allowSameAmount)
                throw new InvalidOperationException($"Demo tender {d.Tender.Ocid} has two bids of {amount}.");
            var bid = new Bid { AmountMinor = amount, SubmittedAt = at, Status = status, StatusReason = reason };
            var draft = new BidDraft(bid, party, lot);
            d.Bids.Add(draft);
            return draft;
        }

        private bool allowSameAmount;

        private AwardDraft Award(Draft d, BidDraft bid, DateTime date)
        {
            var award = new Award { ValueMinor = bid.Bid.AmountMinor, Status = AwardStatus.Active, Date = date };
            var draft = new AwardDraft(award, bid.Party, bid, bid.Lot);
            d.Awards.Add(draft);
            d.Tender.AwardPeriodEnd = date;
            return draft;
        }

        private AwardDraft DirectAward(Draft d, Party party, long value, DateTime date)
        {
            var award = new Award { ValueMinor = value, Status = AwardStatus.Active, Date = date };
            var draft = new AwardDraft(award, party, null, null);
            d.Awards.Add(draft);
            return draft;
        }

        private ContractDraft Contract(Draft d, AwardDraft award, DateTime signed)
        {
            contractSeq++;
            var contract = new Contract
            {
                ContractNumber = $"{signed.Year}/{contractSeq:D4}-ОСУ",
                ValueMinor = award.Award.ValueMinor,
                SignedAt = signed,
                Status = signed.AddYears(1) < DemoWorld.Anchor ? ContractStatus.Terminated : ContractStatus.Active,
            };
            var draft = new ContractDraft(contract, award);
            d.Contracts.Add(draft);
            d.Tender.UpdatedAt = signed;
            return draft;
        }

        private static void Amend(ContractDraft contract, DateTime date, string rationale, long? newValue) =>
            contract.Contract.Amendments.Add(new ContractAmendment { Date = date, Rationale = rationale, NewValueMinor = newValue });

        private static long Times(long minor, decimal factor) => (long)Math.Round(minor * factor, MidpointRounding.ToEven);

        private decimal Permille(int min, int max) => rng.Next(min, max + 1) / 1000m;

        private DateTime InPeriod(Draft d)
        {
            var start = d.Tender.TenderPeriodStart!.Value;
            var minutes = (int)(d.Tender.TenderPeriodEnd!.Value - start).TotalMinutes;
            return start.AddMinutes(60 + rng.Next(Math.Max(1, minutes - 180)));
        }

        private List<Party> PickSuppliers(int count, params Party[] exclude)
        {
            var picked = new List<Party>();
            while (picked.Count < count)
            {
                var party = world.Suppliers[rng.Next(world.Suppliers.Count)];
                if (!picked.Contains(party) && !exclude.Contains(party)) picked.Add(party);
            }
            return picked;
        }

        /// <summary>
        /// Bids of a competitive tender: the winner (first party) bids lowest at <paramref name="winnerFactor"/> of the
        /// estimate, the second <paramref name="secondRatio"/> above the winner, the others 0.5-2% above each other.
        /// </summary>
        private List<BidDraft> Bids(Draft d, IReadOnlyList<Party> parties, decimal winnerFactor, decimal secondRatio, Lot? lot = null, long? estimate = null)
        {
            var value = estimate ?? d.Tender.EstimatedValueMinor!.Value;
            var bids = new List<BidDraft>();
            var amount = Times(value, winnerFactor) + rng.Next(100);
            for (var i = 0; i < parties.Count; i++)
            {
                if (i == 1) amount = Times(amount, 1 + secondRatio) + rng.Next(100);
                else if (i > 1) amount = Times(amount, 1 + Permille(5, 20)) + rng.Next(100);
                bids.Add(Bid(d, parties[i], amount, InPeriod(d), lot: lot));
            }
            return bids;
        }

        /// <summary>Awards the lowest valid bid and signs its contract, as the background and most planted cases do.</summary>
        private ContractDraft Conclude(Draft d, BidDraft winner, bool amendments = true)
        {
            var awardDate = d.Tender.TenderPeriodEnd!.Value.AddDays(2 + rng.Next(10));
            var award = Award(d, winner, awardDate);
            var contract = Contract(d, award, awardDate.AddDays(3 + rng.Next(8)));
            if (amendments) MaybeAmend(contract);
            return contract;
        }

        private void MaybeAmend(ContractDraft contract)
        {
            var roll = rng.Next(100);
            var signed = contract.Contract.SignedAt!.Value;
            if (roll < 8)
                Amend(contract, signed.AddDays(30 + rng.Next(90)), "Продовження строку поставки у зв'язку з логістичними затримками", null);
            else if (roll < 14)
                Amend(contract, signed.AddDays(30 + rng.Next(120)), "Зменшення обсягів закупівлі за фактичною потребою",
                    Times(contract.Contract.ValueMinor!.Value, 1 - Permille(20, 150)));
            else if (roll < 18)
                Amend(contract, signed.AddDays(40 + rng.Next(120)), "Зміна ціни за одиницю товару у зв'язку з коливанням ціни на ринку (не більше 10%)",
                    Times(contract.Contract.ValueMinor!.Value, 1 + Permille(10, 50)));
        }

        /// <summary>A complete competitive tender: bids, optional disqualification of the highest bid, award, contract.</summary>
        private void Competitive(Draft d, int bidders, Party? winner = null, decimal? secondRatio = null, bool disqualifyHighest = false)
        {
            var parties = winner is null ? PickSuppliers(bidders) : [winner, .. PickSuppliers(bidders - 1, winner)];
            if (bidders == 1)
            {
                var single = Bid(d, parties[0], Times(d.Tender.EstimatedValueMinor!.Value, Permille(900, 990)) + rng.Next(100), InPeriod(d));
                Conclude(d, single);
                return;
            }
            var bids = Bids(d, parties, Permille(750, 860), secondRatio ?? Permille(40, 100));
            if (bids.Count >= 3 && (disqualifyHighest || rng.Next(100) < 20))
            {
                var highest = bids[^1].Bid;
                highest.Status = BidStatus.Disqualified;
                highest.StatusReason = world.Names.Pick(DemoNames.DisqualificationReasons);
            }
            if (rng.Next(100) < 5)
            {
                var extra = PickSuppliers(1, [.. parties])[0];
                var amount = Times(bids[^1].Bid.AmountMinor!.Value, 1 + Permille(10, 30)) + rng.Next(100);
                Bid(d, extra, amount, InPeriod(d), BidStatus.Withdrawn, "Пропозицію відкликано учасником до закінчення строку подання");
            }
            Conclude(d, bids[0]);
        }

        private static long Cap(Cpv cpv) => cpv.IsWorks ? WorksBudget : GoodsBudget;

        private void Spend(Organisation enterprise, int year, Cpv cpv, long amount)
        {
            var key = (enterprise.Edrpou, year, cpv.Division);
            nonOpen[key] = nonOpen.GetValueOrDefault(key) + amount;
        }

        private void Block(Organisation enterprise, int year, Cpv cpv) => Spend(enterprise, year, cpv, Cap(cpv));

        private void NonOpen(int number, Organisation enterprise, Cpv cpv, ProcurementMethod method, long amount, DateTime date, Party supplier, string? title = null)
        {
            Spend(enterprise, date.Year, cpv, amount);
            var d = New(number, enterprise, cpv, method, amount, date, null, title);
            var award = DirectAward(d, supplier, amount, date.AddDays(1));
            Contract(d, award, date.AddDays(1 + rng.Next(3)));
        }

        private static Cpv Code(string code) =>
            DemoNames.Goods.Concat(DemoNames.Services).Concat(DemoNames.Works).Single(c => c.Code == code);

        private long Estimate(Cpv cpv) => DemoWorld.RoundBudget(cpv.IsWorks
            ? DemoWorld.Amount(rng, 2_100_000, 28_000_000)
            : DemoWorld.Amount(rng, 560_000, 9_000_000));

        public void Planted()
        {
            var diesel = Code("09134200-9");
            var paper = Code("30197630-1");

            // R003: a 6-day submission period; twin 16 days.
            Competitive(New(T.R003, world.E(1), diesel, ProcurementMethod.Open, 1_800_000_00, Day(2025, 3, 10), 6), 3);
            Competitive(New(T.R003Clean, world.E(2), diesel, ProcurementMethod.Open, 1_750_000_00, Day(2025, 3, 12), 16), 3);

            // R018: a single bid; twin three bids.
            Competitive(New(T.R018, world.E(4), Code("32500000-8"), ProcurementMethod.Open, 2_400_000_00, Day(2025, 4, 7), 18), 1);
            Competitive(New(T.R018Clean, world.E(5), Code("32500000-8"), ProcurementMethod.Open, 2_350_000_00, Day(2025, 4, 9), 18), 3);

            // R024: second-lowest valid bid 0.2% over the winner; R058: 31% over. Twins 7% and 6%.
            var d = New(T.R024, world.E(6), Code("42600000-2"), ProcurementMethod.Open, 3_600_000_00, Day(2025, 5, 5), 20);
            Conclude(d, Bids(d, PickSuppliers(3), 0.82m, 0.002m)[0]);
            d = New(T.R024Clean, world.E(7), Code("42600000-2"), ProcurementMethod.Open, 3_500_000_00, Day(2025, 5, 6), 20);
            Conclude(d, Bids(d, PickSuppliers(3), 0.82m, 0.07m)[0]);
            d = New(T.R058, world.E(8), Code("31100000-7"), ProcurementMethod.Open, 2_800_000_00, Day(2025, 6, 2), 17);
            Conclude(d, Bids(d, PickSuppliers(3), 0.75m, 0.31m)[0]);
            d = New(T.R058Clean, world.E(10), Code("31100000-7"), ProcurementMethod.Open, 2_700_000_00, Day(2025, 6, 3), 17);
            Conclude(d, Bids(d, PickSuppliers(3), 0.80m, 0.06m)[0]);

            // R028: the third and fourth bids are identical amounts from different tenderers.
            d = New(T.R028, world.E(11), Code("44160000-9"), ProcurementMethod.Open, 1_900_000_00, Day(2025, 7, 7), 16);
            var bids = Bids(d, PickSuppliers(3), 0.80m, 0.06m);
            allowSameAmount = true;
            Bid(d, PickSuppliers(1, [.. bids.Select(b => b.Party)])[0], bids[2].Bid.AmountMinor!.Value, InPeriod(d));
            allowSameAmount = false;
            Conclude(d, bids[0]);
            d = New(T.R028Clean, world.E(12), Code("44160000-9"), ProcurementMethod.Open, 1_850_000_00, Day(2025, 7, 8), 16);
            Conclude(d, Bids(d, PickSuppliers(4), 0.80m, 0.06m)[0]);

            // R030: the winning bid arrived three hours after the deadline and was still accepted.
            d = New(T.R030, world.E(1), Code("34330000-9"), ProcurementMethod.Open, 1_400_000_00, Day(2025, 8, 4), 16);
            bids = Bids(d, PickSuppliers(3), 0.79m, 0.07m);
            bids[0].Bid.SubmittedAt = d.Tender.TenderPeriodEnd!.Value.AddHours(3);
            Conclude(d, bids[0]);
            d = New(T.R030Clean, world.E(2), Code("34330000-9"), ProcurementMethod.Open, 1_450_000_00, Day(2025, 8, 5), 16);
            Conclude(d, Bids(d, PickSuppliers(3), 0.79m, 0.07m)[0]);

            // R035: all three competitors of the winner disqualified; twin: only the highest of four.
            d = New(T.R035, world.E(3), Code("35113400-3"), ProcurementMethod.Open, 2_200_000_00, Day(2025, 2, 3), 18);
            bids = Bids(d, PickSuppliers(4), 0.85m, 0.05m);
            foreach (var loser in bids.Skip(1))
            {
                loser.Bid.Status = BidStatus.Disqualified;
                loser.Bid.StatusReason = world.Names.Pick(DemoNames.DisqualificationReasons);
            }
            Conclude(d, bids[0]);
            Competitive(New(T.R035Clean, world.E(4), Code("35113400-3"), ProcurementMethod.Open, 2_150_000_00, Day(2025, 2, 4), 18), 4, disqualifyHighest: true);

            // R036: the lowest bid disqualified, the second-lowest won; twin: the highest disqualified.
            d = New(T.R036, world.E(5), Code("18100000-0"), ProcurementMethod.Open, 1_600_000_00, Day(2025, 9, 1), 16);
            bids = Bids(d, PickSuppliers(3), 0.80m, 0.07m);
            // The lowest bid comes from a fourth tenderer and is disqualified; the valid bids keep an ordinary 7% spread.
            Bid(d, PickSuppliers(1, [.. bids.Select(b => b.Party)])[0], Times(d.Tender.EstimatedValueMinor!.Value, 0.74m) + 37, InPeriod(d),
                BidStatus.Disqualified, "Ціна пропозиції аномально низька, обґрунтування не надано");
            Conclude(d, bids[0]);
            Competitive(New(T.R036Clean, world.E(6), Code("18100000-0"), ProcurementMethod.Open, 1_650_000_00, Day(2025, 9, 2), 16), 4, disqualifyHighest: true);

            // P-SPLIT: six direct purchases of printing paper by E3 in 2025 add up to 482 340 UAH; twin: E5 buys 204 000 UAH.
            long[] splitAmounts = [71_850_00, 84_200_00, 92_640_00, 66_300_00, 78_900_00, 88_450_00];
            int[] splitMonths = [2, 4, 5, 7, 9, 11];
            for (var i = 0; i < T.Split.Length; i++)
                NonOpen(T.Split[i], world.E(3), paper, ProcurementMethod.Direct, splitAmounts[i], Day(2025, splitMonths[i], 10 + i),
                    PickSuppliers(1)[0], "Папір для друку формату А4");
            Block(world.E(3), 2025, paper);
            long[] splitClean = [64_000_00, 71_000_00, 69_000_00];
            for (var i = 0; i < T.SplitClean.Length; i++)
                NonOpen(T.SplitClean[i], world.E(5), paper, ProcurementMethod.Direct, splitClean[i], Day(2025, 3 + (3 * i), 14),
                    PickSuppliers(1)[0], "Папір для друку формату А4");

            // P-NEARTHRESH: three direct purchases from one supplier, each within 5% under 400 000 UAH, in different CPV divisions.
            var nearSupplier = world.NewParty(rng, "ТОВ", "Порогтехпостач", DemoPlantedCases.Keys.NearThresholdSupplier);
            (string Cpv, long Amount, int Month)[] near = [("42120000-6", 392_400_00, 4), ("31100000-7", 396_850_00, 6), ("38400000-9", 398_990_00, 9)];
            for (var i = 0; i < near.Length; i++)
            {
                var cpv = Code(near[i].Cpv);
                NonOpen(T.NearThreshold[i], world.E(5), cpv, ProcurementMethod.Direct, near[i].Amount, Day(2025, near[i].Month, 16), nearSupplier);
                Block(world.E(5), 2025, cpv);
            }
            var oneOff = world.NewParty(rng, "ТОВ", "Верстатсервіс Поділля");
            NonOpen(T.NearThresholdClean, world.E(7), Code("42600000-2"), ProcurementMethod.Direct, 394_500_00, Day(2025, 5, 20), oneOff);
            Block(world.E(7), 2025, Code("42600000-2"));

            // P-OVERESTIMATE: award 38% under the estimate; twin 12% under.
            d = New(T.Overestimate, world.E(8), Code("30213000-5"), ProcurementMethod.Open, 2_000_000_00, Day(2025, 3, 3), 17);
            Conclude(d, Bids(d, PickSuppliers(3), 0.62m, 0.0645m)[0]);
            d = New(T.OverestimateClean, world.E(10), Code("30213000-5"), ProcurementMethod.Open, 2_000_000_00, Day(2025, 3, 4), 17);
            Conclude(d, Bids(d, PickSuppliers(3), 0.88m, 0.05m)[0]);

            // P-SHAREDCONTACT: two bidders share a phone and a beneficial owner.
            var sharedPhone = world.Names.Phone();
            var ownerName = world.Names.Person(false);
            var ownerTax = world.Names.TaxNumber();
            BeneficialOwner Owner(decimal share) => new() { FullName = ownerName, TaxNumber = ownerTax, Nationality = "UA", SharePercent = share };
            var alpha = world.NewParty(rng, "ТОВ", "Альфа-Постачання", phone: sharedPhone, owners: [Owner(100m)]);
            var beta = world.NewParty(rng, "ТОВ", "Бета-Комплект", phone: sharedPhone, owners: [Owner(75m)]);
            d = New(T.SharedContact, world.E(11), Code("09132000-3"), ProcurementMethod.Open, 1_300_000_00, Day(2025, 10, 6), 16);
            Conclude(d, Bids(d, [alpha, beta, .. PickSuppliers(1)], 0.81m, 0.05m)[0]);
            d = New(T.SharedContactClean, world.E(12), Code("09132000-3"), ProcurementMethod.Open, 1_250_000_00, Day(2025, 10, 7), 16);
            Conclude(d, Bids(d, PickSuppliers(3), 0.81m, 0.05m)[0]);

            // P-CAPTIVE: a supplier that bids only with E4 and wins five of its tenders; twin: only with E8, three wins.
            var captive = world.NewParty(rng, "ТОВ", "Вірний Партнер", DemoPlantedCases.Keys.CaptiveSupplier);
            string[] captiveCpv = ["30232000-4", "31681410-0", "31500000-1", "32500000-8", "30125100-2"];
            for (var i = 0; i < T.Captive.Length; i++)
                Competitive(New(T.Captive[i], world.E(4), Code(captiveCpv[i]), ProcurementMethod.Open, Estimate(Code(captiveCpv[i])),
                    Day(2024 + (i / 3), 2 + (i * 2 % 10), 5 + i), 16 + i), 2 + (i % 2), captive);
            var local = world.NewParty(rng, "ПП", "Сумлінний Постачальник", DemoPlantedCases.Keys.CaptiveCleanSupplier);
            for (var i = 0; i < T.CaptiveClean.Length; i++)
                Competitive(New(T.CaptiveClean[i], world.E(8), Code(captiveCpv[i]), ProcurementMethod.Open, Estimate(Code(captiveCpv[i])),
                    Day(2024 + i % 2, 3 + (i * 3), 11 + i), 17), 3, local);

            // P-SWEEP: six lots all won by one supplier; twin: six lots, four winners.
            Lots(T.Sweep, world.E(6), sweep: true);
            Lots(T.SweepClean, world.E(7), sweep: false);

            // P-AMENDINFLATE: two amendments take the contract 19% over its signed value; twin +6%.
            d = New(T.AmendInflate, world.E(12), Code("45261000-4"), ProcurementMethod.Open, 4_800_000_00, Day(2024, 6, 3), 20);
            var contract = Conclude(d, Bids(d, PickSuppliers(3), 0.84m, 0.06m)[0], amendments: false);
            var signedValue = contract.Contract.ValueMinor!.Value;
            Amend(contract, contract.Contract.SignedAt!.Value.AddDays(45), "Збільшення обсягу робіт за результатами обстеження покрівлі", Times(signedValue, 1.08m));
            Amend(contract, contract.Contract.SignedAt!.Value.AddDays(120), "Коригування кошторисної вартості у зв'язку з подорожчанням матеріалів", Times(signedValue, 1.19m));
            d = New(T.AmendInflateClean, world.E(1), Code("45261000-4"), ProcurementMethod.Open, 4_700_000_00, Day(2024, 6, 4), 20);
            contract = Conclude(d, Bids(d, PickSuppliers(3), 0.84m, 0.06m)[0], amendments: false);
            Amend(contract, contract.Contract.SignedAt!.Value.AddDays(60), "Збільшення обсягу робіт у межах 10% ціни договору", Times(contract.Contract.ValueMinor!.Value, 1.06m));

            // P-LOWCOMPETITION: the low-competition enterprise (E9) gets 1-2 bidders per tender in the background; E1 gets 2-5.
            Competitive(New(T.LowCompetition, world.E(9), Code("24950000-8"), ProcurementMethod.Open, 3_100_000_00, Day(2025, 4, 14), 16), 1);
            Competitive(New(T.LowCompetitionClean, world.E(1), Code("24950000-8"), ProcurementMethod.Open, 3_000_000_00, Day(2025, 4, 15), 16), 3);
        }

        private void Lots(int number, Organisation enterprise, bool sweep)
        {
            string[] sites = ["Цех № 1", "Цех № 2", "Механоскладальний цех", "Ливарний цех", "Склад ПММ", "Котельня"];
            var fuel = Code("09134200-9");
            var d = New(number, enterprise, fuel, ProcurementMethod.Open, null, Day(2025, 10, 13), 18,
                "Паливно-мастильні матеріали для підрозділів підприємства (6 лотів)", items: 0);
            d.Items.Clear();
            var sweeper = PickSuppliers(1)[0];
            var others = PickSuppliers(3, sweeper);
            long total = 0;
            for (var i = 0; i < sites.Length; i++)
            {
                var value = DemoWorld.RoundBudget(DemoWorld.Amount(rng, 560_000, 1_200_000));
                total += value;
                var lot = new Lot { LotNumber = $"{i + 1}", Title = $"Лот {i + 1}: дизельне паливо — {sites[i]}", ValueMinor = value, Status = "complete" };
                d.Lots.Add(lot);
                d.Items.Add((new TenderItem { Description = $"Дизельне паливо ({sites[i]})", CpvCode = fuel.Code, Quantity = 1000 * (5 + i), Unit = "л" }, lot));
                var winner = sweep || i < 2 ? sweeper : others[(i - 2) % others.Count];
                var parties = new List<Party> { winner };
                parties.AddRange(PickSuppliers(2, winner));
                var bids = Bids(d, parties, Permille(780, 850), Permille(40, 90), lot, value);
                var award = Award(d, bids[0], d.Tender.TenderPeriodEnd!.Value.AddDays(5));
                Contract(d, award, award.Award.Date!.Value.AddDays(4));
            }
            d.Tender.EstimatedValueMinor = total;
        }

        private static readonly Cpv[] BackgroundCpv = [.. DemoNames.Goods, .. DemoNames.Services, .. DemoNames.Works];

        public void Background()
        {
            var reserved = new HashSet<int>(T.All());
            var number = 0;
            var firstDay = DemoWorld.Day(2024, 1, 8);
            var span = (DemoWorld.Day(2025, 11, 20) - firstDay).Days;
            for (var i = 0; i < BackgroundCount; i++)
            {
                do number++; while (reserved.Contains(number));
                var enterprise = world.Enterprises[rng.Next(world.Enterprises.Count)];
                var start = firstDay.AddDays(rng.Next(span)).AddHours(rng.Next(8));
                var roll = rng.Next(100);
                var cpv = BackgroundCpv[rng.Next(BackgroundCpv.Length)];
                if (roll < 38)
                {
                    if (!TryNonOpen(number, enterprise, cpv, roll < 8 ? ProcurementMethod.Limited : ProcurementMethod.Direct, start))
                        roll = 50; // every budget of this buyer and division is spent: make it an open tender instead
                    else continue;
                }
                var method = roll < 42 ? ProcurementMethod.Selective : ProcurementMethod.Open;
                var d = New(number, enterprise, cpv, method, Estimate(cpv), start, 16 + rng.Next(15));
                var fate = rng.Next(100);
                if (fate < 3)
                {
                    d.Tender.Status = TenderStatus.Cancelled;
                    d.Tender.CancelledAt = start.AddDays(3 + rng.Next(5));
                    d.Tender.CancellationReason = "Відсутність подальшої потреби в закупівлі товарів, робіт чи послуг";
                    continue;
                }
                if (fate < 6)
                {
                    d.Tender.Status = TenderStatus.Unsuccessful;
                    d.Tender.AwardPeriodEnd = d.Tender.TenderPeriodEnd;
                    continue; // no bids were submitted
                }
                var lowCompetition = enterprise.Edrpou == DemoPlantedCases.Keys.LowCompetitionEnterprise;
                var bidders = lowCompetition
                    ? 1 + rng.Next(2)
                    : rng.Next(100) switch { < 8 => 1, < 30 => 2, < 62 => 3, < 86 => 4, _ => 5 };
                Competitive(d, bidders);
            }
            nextNumber = number;
        }

        private int nextNumber;

        private bool TryNonOpen(int number, Organisation enterprise, Cpv cpv, ProcurementMethod method, DateTime date)
        {
            // Kept clear of the year end so that the purchase, its award and contract fall in one budget year.
            if (date is { Month: 12, Day: > 24 }) date = date.AddDays(-7);
            var candidates = BackgroundCpv.Where(c => c.IsWorks == cpv.IsWorks).ToList();
            for (var attempt = 0; attempt < 8; attempt++)
            {
                var pick = attempt == 0 ? cpv : candidates[rng.Next(candidates.Count)];
                var left = Cap(pick) - nonOpen.GetValueOrDefault((enterprise.Edrpou, date.Year, pick.Division));
                var amount = pick.IsWorks ? DemoWorld.Amount(rng, 60_000, 600_000) : DemoWorld.Amount(rng, 15_000, 180_000);
                if (amount > left) continue;
                NonOpen(number, enterprise, pick, method, amount, date, PickSuppliers(1)[0]);
                return true;
            }
            return false;
        }

        /// <summary>Tenders still accepting bids: their deadlines follow the clock so sealed bids can be demonstrated.</summary>
        public void OpenNow()
        {
            int[] enterprises = [1, 2, 4, 6, 8];
            var today = new DateTime(world.Now.Year, world.Now.Month, world.Now.Day, 0, 0, 0, DateTimeKind.Utc);
            for (var i = 0; i < OpenNowCount; i++)
            {
                var cpv = BackgroundCpv[rng.Next(BackgroundCpv.Length)];
                var start = today.AddDays(-3).AddHours(10);
                var d = New(++nextNumber, world.E(enterprises[i]), cpv, ProcurementMethod.Open, Estimate(cpv), start, 16 + rng.Next(8));
                d.Tender.Status = TenderStatus.Active;
                d.Tender.AwardPeriodStart = null;
                foreach (var party in PickSuppliers(rng.Next(4)))
                {
                    var amount = Times(d.Tender.EstimatedValueMinor!.Value, Permille(760, 980)) + rng.Next(100);
                    Bid(d, party, amount, start.AddHours(2 + rng.Next(58)), BidStatus.Pending);
                }
            }
        }

        /// <summary>Queues every tender for saving in Ocid order, each dependent row in the phase after its parent.</summary>
        public int Register()
        {
            var plan = world.Plan;
            foreach (var d in drafts.Values)
            {
                var tender = d.Tender;
                tender.Lots.AddRange(d.Lots);
                plan.Add(1, () => { tender.EnterpriseId = d.Enterprise.Id; return tender; });
                foreach (var (item, lot) in d.Items)
                    plan.Add(2, () => { item.TenderId = tender.Id; item.LotId = lot?.Id; return item; });
                foreach (var bid in d.Bids)
                    plan.Add(2, () => { bid.Bid.TenderId = tender.Id; bid.Bid.LotId = bid.Lot?.Id; bid.Bid.TendererPartyId = bid.Party.Id; return bid.Bid; });
                foreach (var award in d.Awards)
                    plan.Add(3, () =>
                    {
                        award.Award.TenderId = tender.Id;
                        award.Award.LotId = award.Lot?.Id;
                        award.Award.BidId = award.Bid?.Bid.Id;
                        award.Award.SupplierPartyId = award.Party.Id;
                        return award.Award;
                    });
                foreach (var contract in d.Contracts)
                    plan.Add(4, () => { contract.Contract.TenderId = tender.Id; contract.Contract.AwardId = contract.Award.Award.Id; return contract.Contract; });
            }
            return drafts.Count;
        }
    }
}
