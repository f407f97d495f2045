namespace Dashboard.Simulator.Scenario;

/// <summary>
/// The data capture of the fleet's endpoints: features, formats, how predictions and true outcomes relate, and what
/// goes with them. credit-risk is the story (inputs drift, <c>channel</c> breaks, quality falls until a retrained
/// model serves); the others are stable, each in another of the formats SageMaker writes.
/// </summary>
public static class CaptureCatalog
{
    /// <summary>
    /// JSON in and out, inference ids, ground truth. <c>debt_to_income</c> and <c>credit_utilization</c> shift from
    /// <paramref name="riseStart"/> (with the Model Monitor metrics); the world's relationship to default drifts with
    /// them, so a model trained before then loses accuracy; <c>channel</c> gains <c>partner_api</c> 30 h before the
    /// anchor, and is missing from 40 % of the records from 8 h before it.
    /// </summary>
    public static CaptureProfile CreditRisk(DateTimeOffset anchor, DateTimeOffset riseStart) => new()
    {
        Features =
        [
            new NumericFeature("income", 62_000, 18_000, 12_000, true),
            new NumericFeature("debt_to_income", 0.32, 0.09, 0, false),
            new NumericFeature("credit_utilization", 0.35, 0.15, 0, false),
            new NumericFeature("age", 41, 11, 18, true),
            new CategoricalFeature("employment_type",
                [new("salaried", 0.62), new("self_employed", 0.18), new("retired", 0.12), new("student", 0.08)]),
            new CategoricalFeature("channel", [new("branch", 0.25), new("web", 0.5), new("mobile", 0.25)],
                new FeatureBreak("partner_api", anchor.AddHours(-30), anchor, 0.35, 0.5, anchor.AddHours(-8), 0.4)),
        ],
        Outcome = new OutcomeProfile(ProblemType.BinaryClassification, new LinearOutcome(-2.0, new Dictionary<string, double>
        {
            ["income"] = -1.5,
            ["debt_to_income"] = 2.5,
            ["credit_utilization"] = 2.0,
            ["age"] = -0.6,
            ["employment_type=self_employed"] = 0.8,
            ["employment_type=retired"] = -0.6,
            ["employment_type=student"] = 1.2,
            ["channel=branch"] = -0.5,
            ["channel=mobile"] = 0.4,
        }))
        {
            // Tuned by simulation: accuracy ≈ 0.87 and ROC AUC ≈ 0.94 before the drift, ≈ 0.70 and ≈ 0.78 just before the anchor.
            Drift = new OutcomeDrift(riseStart, anchor, new LinearOutcome(-2.0, new Dictionary<string, double>
            {
                ["income"] = -1.5,
                ["debt_to_income"] = 0.3,
                ["credit_utilization"] = 0.8,
                ["age"] = 1.6,
                ["employment_type=self_employed"] = -1.2,
                ["employment_type=retired"] = 1.6,
                ["employment_type=student"] = 0.8,
                ["channel=branch"] = 0.3,
                ["channel=mobile"] = -0.3,
                ["channel=partner_api"] = 2.5,
                ["channel="] = 1.0,
            }), 0.7),
        },
        Input = CaptureFormat.Json,
        Output = CaptureFormat.Json,
        InferenceIdPrefix = "loan-app-",
        GroundTruth = true,
        Dataset = CaptureFormat.Csv,
        RetrainingPipeline = "credit-risk-retrain",
    };

    /// <summary>CSV in and out, in the column order of the Model Monitor baseline; stable.</summary>
    public static CaptureProfile Churn() => new()
    {
        Features =
        [
            new NumericFeature("tenure_months", 28, 16, 0, true),
            new NumericFeature("monthly_charges", 68, 24, 18, false),
            new NumericFeature("support_calls", 1.6, 1.2, 0, true),
            new CategoricalFeature("contract_type", [new("month_to_month", 0.5), new("one_year", 0.3), new("two_year", 0.2)]),
        ],
        Outcome = new OutcomeProfile(ProblemType.BinaryClassification, new LinearOutcome(-1.2, new Dictionary<string, double>
        {
            ["tenure_months"] = -0.9,
            ["monthly_charges"] = 0.6,
            ["support_calls"] = 0.9,
            ["contract_type=month_to_month"] = 0.9,
            ["contract_type=one_year"] = -0.4,
            ["contract_type=two_year"] = -1.4,
        })),
        Dataset = CaptureFormat.Csv,
    };

    /// <summary>CSV whose content type is not in CaptureContentTypeHeader: SageMaker writes it base64-encoded; stable.</summary>
    public static CaptureProfile Fraud() => new()
    {
        Features =
        [
            new NumericFeature("amount", 86, 60, 1, false),
            new CategoricalFeature("merchant_category",
            [
                new("grocery", 0.3), new("restaurants", 0.18), new("fuel", 0.14), new("online_retail", 0.2), new("electronics", 0.08),
                new("travel", 0.06), new("other", 0.04),
            ]),
            new NumericFeature("hour_of_day", 14, 5, 0, true, 23),
        ],
        Outcome = new OutcomeProfile(ProblemType.BinaryClassification, new LinearOutcome(-4.2, new Dictionary<string, double>
        {
            ["amount"] = 1.1,
            ["hour_of_day"] = -0.4,
            ["merchant_category=electronics"] = 1.2,
            ["merchant_category=travel"] = 0.9,
            ["merchant_category=online_retail"] = 0.6,
            ["merchant_category=other"] = 0.3,
        })),
        Base64 = true,
    };

    /// <summary>
    /// A regressor without Model Monitor: JSON in, a number out (CSV), ground truth by event id (callers pass no
    /// inference id). VariantB's model (v10) errs less than VariantA's (v9): the A/B test has a winner.
    /// </summary>
    public static CaptureProfile Pricing() => new()
    {
        Features =
        [
            new NumericFeature("list_price", 48, 14, 5, false),
            new NumericFeature("competitor_price", 46, 13, 5, false),
            new NumericFeature("inventory_days", 21, 9, 0, true),
            new CategoricalFeature("region", [new("na", 0.45), new("eu", 0.3), new("apac", 0.18), new("latam", 0.07)]),
            new CategoricalFeature("customer_tier", [new("standard", 0.6), new("plus", 0.3), new("premium", 0.1)]),
        ],
        Outcome = new OutcomeProfile(ProblemType.Regression, new LinearOutcome(44, new Dictionary<string, double>
        {
            ["list_price"] = 7.0,
            ["competitor_price"] = 5.2,
            ["inventory_days"] = -1.4,
            ["region=eu"] = 1.5,
            ["region=apac"] = -1.0,
            ["region=latam"] = -2.5,
            ["customer_tier=plus"] = 1.2,
            ["customer_tier=premium"] = 3.0,
        }))
        {
            Noise = 2.5,
            ModelErrors = new Dictionary<string, double> { ["pricing-gbm-v9"] = 2.8, ["pricing-gbm-v10"] = 1.6 },
            DefaultModelError = 2.0,
        },
        Input = CaptureFormat.Json,
        GroundTruth = true,
        Dataset = CaptureFormat.Json,
    };
}
