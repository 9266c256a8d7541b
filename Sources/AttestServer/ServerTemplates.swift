/// The server's own Mustache templates: the content of its pages, set in the site's layout.
///
/// Every value is inserted with `{{…}}`, which escapes HTML; only HTML that the server rendered itself
/// from the handbook's Markdown (explanations, option texts) uses `{{{…}}}`.
enum ServerTemplates {
    static let all: [String: String] = [
        "layout": layout, "training-navigation": trainingNavigation, "quiz-result": quizResult,
        "my-training": myTraining,
        "training-status": trainingStatus, "invitation": invitation, "error": error,
        "training-reminders": ServerPages.trainingRemindersTemplate,
    ]

    /// The frame used when the server has no site theme (tests); `attest serve` uses the handbook's
    /// own layout (``SiteLayout``) so that its pages look like the rest of the handbook.
    static let layout = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · {{siteTitle}}</title>
        <link rel="stylesheet" href="/static/site.css">
        </head>
        <body>
        <header class="site-header"><a href="/">{{siteTitle}}</a></header>
        <main id="content">
        {{{content}}}
        </main>
        </body>
        </html>

        """

    /// The links to the training pages, above every server page's content.
    static let trainingNavigation = """
        <nav class="training-nav" aria-label="Training"><a href="/me/">My training</a>{{#isAdmin}} · <a href="/admin/training/">Training status</a>{{/isAdmin}}</nav>

        """

    static let quizResult = """
                <h1>{{quizTitle}}</h1>
        <p class="result {{#passed}}passed{{/passed}}{{^passed}}failed{{/passed}}"><strong>{{#passed}}Passed{{/passed}}{{^passed}}Not passed{{/passed}}</strong>: you scored {{scorePercent}}% ({{rightCount}} of {{questionCount}} right; the pass mark is {{passPercent}}%).</p>
        <p>Recorded for {{person}} at {{recordedAt}} (record {{recordID}}).</p>
        <ol class="quiz-results">
        {{#questions}}
        <li class="{{#correct}}right{{/correct}}{{^correct}}wrong{{/correct}}">
        <h2>{{text}}</h2>
        <p><strong>{{#correct}}Right{{/correct}}{{^correct}}Wrong{{/correct}}.</strong> You answered:</p>
        <ul>{{#selected}}<li>{{{html}}}</li>{{/selected}}</ul>
        {{#rightAnswers}}<p class="right-answers">{{label}}</p>
        <ul class="right-answers">{{#options}}<li>{{{html}}}</li>{{/options}}</ul>{{/rightAnswers}}
        {{#explanation}}<div class="explanation">{{{explanation}}}</div>{{/explanation}}
        </li>
        {{/questions}}
        </ol>
        {{#feedbackNote}}<p class="feedback-note">{{feedbackNote}}</p>{{/feedbackNote}}
        <p>{{^passed}}<a href="/quizzes/{{quizID}}/">Try again</a> · {{/passed}}<a href="/me/">My training</a></p>
        """

    static let myTraining = """
                <h1>My training</h1>
        <p>{{name}} ({{person}}), as of {{asOf}}.</p>
        <h2>What is due</h2>
        {{#hasRequirements}}
        <table class="training">
        <thead><tr><th scope="col">Quiz or policy</th><th scope="col">State</th><th scope="col">Due</th><th scope="col">Last passed or accepted</th><th scope="col">Expires</th></tr></thead>
        <tbody>
        {{#requirements}}<tr class="{{state}}"><td>{{#isQuiz}}<a href="/quizzes/{{quiz}}/">{{quizTitle}}</a>{{/isQuiz}}{{^isQuiz}}Accept <a href="{{policyPath}}">{{policyTitle}}</a> (version {{policyVersion}}){{/isQuiz}}</td><td>{{stateLabel}}</td><td>{{due}}</td><td>{{lastPassed}}</td><td>{{expires}}</td></tr>
        {{/requirements}}
        </tbody>
        </table>
        {{/hasRequirements}}
        {{^hasRequirements}}<p>No quiz or policy acceptance is required of you.</p>{{/hasRequirements}}
        <h2>History</h2>
        {{#historyShown}}<p>The latest {{historyShown}} of your {{historyTotal}} records, newest first.</p>{{/historyShown}}
        {{#hasHistory}}
        <table class="history">
        <thead><tr><th scope="col">When</th><th scope="col">Quiz or policy</th><th scope="col">Score</th><th scope="col">Result</th></tr></thead>
        <tbody>
        {{#history}}<tr><td>{{recordedAt}}</td>{{#isAcceptance}}<td>{{policyTitle}} (version {{version}})</td><td>–</td><td>Accepted</td>{{/isAcceptance}}{{^isAcceptance}}<td>{{quizTitle}}</td><td>{{scorePercent}}%</td><td>{{#passed}}Passed{{/passed}}{{^passed}}Not passed{{/passed}}</td>{{/isAcceptance}}</tr>
        {{/history}}
        </tbody>
        </table>
        {{/hasHistory}}
        {{^hasHistory}}<p>No attempts recorded yet.</p>{{/hasHistory}}
        """

    static let trainingStatus = """
                <h1>Training status</h1>
        <p>As of {{asOf}}.</p>
        <h2>Completion by team</h2>
        {{{teamChart}}}
        <table class="teams">
        <thead><tr><th scope="col">Team</th><th scope="col">Required</th><th scope="col">Current</th><th scope="col">Completion</th></tr></thead>
        <tbody>
        {{#teams}}<tr><td>{{team}}</td><td>{{required}}</td><td>{{current}}</td><td>{{percent}}%</td></tr>
        {{/teams}}
        </tbody>
        </table>
        <h2>Everyone</h2>
        <table class="training">
        <thead><tr><th scope="col">Person</th><th scope="col">Name</th><th scope="col">Team</th><th scope="col">Quiz or acceptance</th><th scope="col">State</th><th scope="col">Last passed</th><th scope="col">Expires</th><th scope="col">Due</th></tr></thead>
        <tbody>
        {{#requirements}}<tr class="{{state}}"><td>{{person}}</td><td>{{name}}</td><td>{{team}}</td><td>{{label}}</td><td>{{stateLabel}}</td><td>{{lastPassed}}</td><td>{{expires}}</td><td>{{due}}</td></tr>
        {{/requirements}}
        </tbody>
        </table>
        {{> training-reminders}}
        """

    static let invitation = """
                <h1>Sign in</h1>
        <p>This invitation signs in {{name}} ({{person}}) to take the handbook's quizzes and see their training.</p>
        <form method="post" action="/invite">
        <input type="hidden" name="token" value="{{token}}">
        <input type="hidden" name="check" value="{{check}}">
        <p><button type="submit">Sign in as {{person}}</button></p>
        </form>
        <p>The link signs in once and expires on {{expires}}. If it no longer works, ask for a new one.</p>
        """

    static let error = """
                <h1>{{title}}</h1>
        <p class="error" role="alert">{{message}}</p>
        <p><a href="/">Back to the handbook</a></p>
        """
}
