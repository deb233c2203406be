extension DetectBusinessStep {
  static let exampleList: [StepExample] = [
    StepExample("Q3 revenue came in at «financial_figure:$4.2M», ahead of guidance"),
    StepExample("Our ARR is «financial_figure:€12,500,000» as of March"),
    StepExample("We now have «customer_count:12,400 paying customers» across Europe"),
    StepExample("The «deal_terms:term sheet» sets a «deal_terms:pre-money» of $80M"),
    StepExample("Offer a «deal_terms:discount of 30%» on the renewal"),
    StepExample("The jacket is on sale with a 10% discount. What is the price?"),
    StepExample("A cafe serves 7 customers per hour; how many in a day?"),
    StepExample("«confidential_marking:CONFIDENTIAL» — board deck, do not share"),
    StepExample("This memo is «confidential_marking:for internal use only»."),
    StepExample("Lighthouse spend was «financial_figure:$45,000» last month", config: #"{"context_words": ["lighthouse"]}"#),
    StepExample("Q3 revenue came in at $4.2M", config: #"{"context_window": 2}"#),
    StepExample("Q3 revenue was «financial_figure:$2,500»", config: #"{"minimum_amount": 1000}"#),
    StepExample("John has $5 and buys 3 apples. How much money is left?"),
    StepExample("The budget for the school trip is $300."),
    StepExample("Tell me about 5 famous users of Linux"),
    StepExample("Is it confidential? Keep the secret of the recipe."),
  ]
}
