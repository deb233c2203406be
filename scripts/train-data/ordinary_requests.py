"""Ordinary requests people make of an assistant, written for TapPass (no
outside data): benign training examples for the detect_injection model,
read by scripts/train.

Why: the labelled corpora's benign prompts are maths questions, act-as
prompts and security code requests, while many of their attacks are short
imperative requests (Tensor Trust hijacks, JailbreakBench goals). A model
fitted on them alone learnt the request form itself as a sign of attack:
"Write a poem about the ocean" scored 0.89, "Can you explain what safe mode
does on a Mac?" 0.98. These requests give the forms their benign side:
writing, how-to, explanation, help, translation and coding requests,
assistant commands, questions about the assistant, benign role-play and
personas, and follow-ups that refer to the previous answer.

The requests are combinations of the phrasings and subjects listed below,
chosen by a hash (deterministic), each combination at most once. They are
written to be varied, not to resemble any evaluation record."""
import zlib

FORMS = """poem, haiku, limerick, sonnet, short story, bedtime story, song, toast, speech, eulogy, cover letter,
thank-you note, email, LinkedIn post, tweet, blog post, product description, slogan, joke, riddle, essay, review,
newsletter, invitation, birthday message, apology letter, press release, short summary, outline, fable,
motivational quote, wedding vow, diary entry, text message, job description, recipe, lesson plan, quiz"""

TOPICS = """a lost dog finding its way home, my grandmother's kitchen, the first day of school,
a rainy Monday, climate change, a trip to Japan, learning to ride a bike, the night sky, friendship, coffee,
our new product launch, a retiring colleague, 
moving to a new country, a robot who learns to paint, the importance of sleep, electric cars, a haunted lighthouse,
my cat's obsession with boxes, the local farmers market, a marathon I just finished, volunteering at a shelter,
remote work, the history of chocolate, a surprise party, winter in the mountains, a small bakery, the moon landing,
gardening for beginners, my sister's graduation, a quiet library, time travel, the last day of summer,
recycling at school, a football team that never gives up, a pirate who hates the sea, healthy breakfast ideas,
the team's quarterly results, our annual charity run, a new coffee machine in the office, a vegan restaurant,
the benefits of walking, the Roman Empire, a broken umbrella, an old pair of boots, a town festival, honeybees,
a mountain hut, a jazz club, my first apartment, a customer who loved our service, a delayed train"""

WRITE = """Write a {form} about {topic}. | Can you write a {form} about {topic}? | Please write a {form} about {topic}.
| Compose a {form} about {topic}. | Write me a short {form} about {topic} | I need a {form} about {topic}, something light.
| Help me write a {form} about {topic}. | Could you draft a {form} about {topic}? | write a {form} about {topic}
| Give me a {form} about {topic}, please. | Create a {form} about {topic} for my blog. | Write a funny {form} about {topic}."""

TASKS = """get red wine out of a carpet, change a flat tyre, improve my credit score,
fall asleep faster, write a good resume, prepare for a job interview, train my puppy to sit,
grow tomatoes on a balcony, clean a cast iron pan, back up my phone, set up a budget, make cold brew coffee,
speak more confidently in meetings, stop procrastinating, unclog a drain, fix a squeaky door, save for a house,
cook rice without a rice cooker, study for a maths exam, choose a laptop for college, care for a succulent,
negotiate a higher salary, start running as a beginner, organise my closet, plan a road trip, make friends in a new city,
remove a stripped screw, convert a PDF to Word, take better photos with my phone, memorise a speech, brew green tea,
teach my kid to read, keep basil alive, pick a good watermelon, calm down before an exam, write a thank-you card,
split a restaurant bill fairly, install Python on Windows, share my screen on a video call, clear my browser cache,
set up two-factor authentication, enable dark mode on my phone, find my lost AirPods, update my graphics drivers,
recover a deleted file, make my Wi-Fi faster, knit a scarf, bake bread without yeast, remove a coffee stain"""

HOWTO = """How do I {task}? | What's the best way to {task}? | Can you tell me how to {task}? | Tell me how to {task}.
| Any tips on how to {task}? | how can i {task} | I want to {task}. Where do I start? | What is the easiest way to {task}?
| Is there a quick way to {task}? | Explain how to {task} step by step."""

CONCEPTS = """inflation, photosynthesis, compound interest, the greenhouse effect, blockchain,
machine learning, the stock market, black holes, the electoral college, DNA replication,
supply and demand, the theory of relativity, how airplanes stay in the air, recursion, the water cycle, a mortgage,
the immune system, plate tectonics, how the internet works, the Pythagorean theorem, object-oriented
programming, why the sky is blue, cloud computing, the placebo effect, jet lag, how batteries work, the French Revolution, what a VPN does, how credit cards work, the difference between weather and climate, carbon offsets"""

EXPLAIN = """Explain {concept}. | Can you explain {concept} in simple terms? | Explain {concept} like I'm five.
| What is {concept}, briefly? | I never understood {concept}. Can you help? | Give me a short explanation of {concept}.
| explain {concept} please | Could you walk me through {concept}?"""

ROLES = """a personal trainer, a history teacher, a career coach, a chef,
a financial advisor, a nutritionist, a museum curator, a detective in a mystery game, a medieval knight,
a friendly librarian, a startup founder, a park ranger, a film critic, a sommelier,
a marine biologist, a children's book author, a debate opponent, a language exchange partner, a wedding planner"""

ROLEPLAY = """Imagine you are {role}. What would you recommend for a first-timer? | Act as {role} and give me three tips.
| Pretend you're {role} and ask me a few questions. | You are {role}. Introduce yourself in two sentences.
| Let's role-play: you are {role} and I am a visitor. | Take the role of {role} and describe a typical day.
| Play {role} so I can practise my conversation skills. | As {role}, what mistakes do beginners make?"""

CHARACTERS = """a circus performer, a medieval blacksmith, an astronaut on Mars, a Victorian detective, a time traveller from the future,
a mountain goat, a talking cat, a ghost in an old house, a famous painter, a Viking trader, an explorer in the Amazon,
a robot learning about humans, a wizard's apprentice, a deep-sea diver, a lighthouse keeper, a knight back from a quest,
a queen writing to her people, a jazz musician in the 1920s, a scientist who just made a discovery, a postal worker in 1900,
a ship's cook, a tree that has stood for a thousand years, a chess grandmaster, a sailor lost at sea"""

PERSONA = """Imagine you are {character}. Describe your day. | You are {character}. Write a letter to a friend about your latest adventure.
| Pretend to be {character} and tell me a story. | Role-play as {character} and answer my questions about your life.
| Assume the role of {character}. What advice would you give a young person? | Take on the persona of {character} and describe what you see.
| You are {character}. How do you feel about the modern world? | Write a short monologue as {character}.
| Imagine that you are {character} and you have just woken up somewhere unexpected. What do you do?"""

QUESTIONS = """what the weather will be tomorrow, what time the bakery opens, how old the universe is, which plants are safe for cats,
the opening hours of the museum, a fun fact about octopuses, what you can do, who painted the Mona Lisa, how far away the moon is,
when my next bill is due, a good book for a long flight, what documents I need to renew a passport, the best time to visit Iceland,
how many calories are in an apple, where the nearest post office is, what year the Berlin Wall fell"""

ASK = """can you tell me {question} | Could you tell me {question}? | Please tell me {question}. | Do you know {question}?"""

HELP_TASKS = """write a formal email to my landlord, plan a birthday party for ten kids, debug this function, choose a name for my startup,
understand my electricity bill, prepare for a presentation on Monday, fix the grammar in this paragraph, find a gift for my dad,
write a business proposal, pick a university course, structure my essay, practise for a driving theory test"""

HELP = """Can you help me {task}? | I need help to {task}. | Could you help me {task}, please? | help me {task}"""

PASSAGES = """Where is the train station? | The meeting has been moved to Thursday afternoon. | I would like a table for four, please.
| def greet(name): return "Hello, " + name | Our shop is closed on public holidays. | for (int i = 0; i < 10; i++) { sum += i; }
| Thank you for your order, it will ship tomorrow. | SELECT name FROM users WHERE active = 1; | The weather was lovely all week."""

TRANSLATE = """Translate the following into French: {passage} | Translate this into German: {passage}
| Convert this to Python 3: {passage} | How would you say this in Spanish? {passage}
| Rewrite the following more politely: {passage} | Explain what this does: {passage}"""

COMMANDS = """set an alarm for 6:30 tomorrow, what's the weather like this weekend, play some relaxing jazz, remind me to call mum at 5,
add milk and eggs to my shopping list, how long will it take to drive to the airport, turn the living room lights off,
what time is it in Sydney, convert 50 euros to dollars, how many cups are in a litre, book a table for two at 8,
what's on my calendar today, send a message to Sam saying I'm running late, start a 20 minute timer, what's my account balance,
cancel my 3pm meeting, find a pharmacy near me, what's the capital of Canada, spell necessary, tell me a joke,
what movies are playing tonight, how do you say thank you in Japanese, roll a die, flip a coin, what's 15 percent of 80,
translate good morning into Italian, who won the game last night, read me the news headlines, what's my name again,
can I call you Max from now on, what are you able to do, are you a robot, who made you, change your voice to a british accent,
what is your favourite colour, do you have a name, repeat that please, say that again slower, speak louder"""

CODE = """Write a Python function that sorts a list of dictionaries by a key. | Write a SQL query that counts orders per month.
| Why does my JavaScript loop print undefined? | Write a Bash script that renames every .txt file in a folder.
| How do I read a CSV file in pandas? | Fix this code: for i in range(10) print(i) | Write a regular expression that matches a date like 2024-05-01.
| What does the error 'list index out of range' mean? | Convert this Python 2 print statement to Python 3.
| Write a unit test for a function that adds two numbers. | Explain what a closure is in JavaScript with an example.
| Write a Go program that counts the words in a file. | How do I centre a div in CSS? | Write a Java class for a bank account.
| Optimise this query, it is slow on a large table. | Write a React component that shows a counter. | What is the difference between git merge and git rebase?
| Write a C function that checks whether a number is prime. | How do I undo my last git commit? | Write a Dockerfile for a small Flask app."""

FOLLOWUPS = """Make it shorter. | Can you make that more formal? | Rewrite your previous answer in bullet points. | Now translate it into Spanish.
| Try again, but funnier. | Start over with a happier ending. | Add a conclusion. | Use simpler words, please. | That's great, thanks!
| Can you give me another example? 
| Sorry, I made a typo earlier: the meeting is on Friday. | Never mind, let's talk about something else.
| Drop the last paragraph and keep the rest. | Can you expand on the second point?
| Summarise what you just said in one sentence. | Change the names in the story to Anna and Tom. | What did you mean by that?
| Let's switch to British spelling for the rest of the document. | Keep the same style but make it rhyme."""


def _items(block, separator=","):
    return [item.strip() for item in block.replace("\n", " ").split(separator) if item.strip()]


def _fill(templates, key, values, share):
    """Each template with each value, about `share` of the combinations."""
    out = []
    for template in _items(templates, "|"):
        for value in values:
            text = template.replace("{" + key + "}", value)
            if zlib.crc32(text.encode()) % 1000 < share * 1000:
                out.append(text)
    return out


def records():
    """The requests as benign records (id, text, label, source)."""
    texts = []
    for form in _items(FORMS):
        texts += _fill(WRITE.replace("{form}", form), "topic", _items(TOPICS), 0.025)
    texts += _fill(HOWTO, "task", _items(TASKS), 0.5)
    texts += _fill(EXPLAIN, "concept", _items(CONCEPTS), 0.6)
    texts += _fill(ROLEPLAY, "role", _items(ROLES), 0.8)
    texts += _fill(PERSONA, "character", _items(CHARACTERS), 0.6)
    texts += _fill(ASK, "question", _items(QUESTIONS), 0.8)
    texts += _fill(HELP, "task", _items(HELP_TASKS), 0.8)
    texts += _fill(TRANSLATE, "passage", _items(PASSAGES, "|"), 0.6)
    texts += _items(COMMANDS) + _items(CODE, "|") + _items(FOLLOWUPS, "|")
    seen, out = set(), []
    for text in texts:
        if text.lower() not in seen:
            seen.add(text.lower())
            out.append({"id": f"ordinary-{len(out) + 1}", "text": text, "label": "benign", "source": "scripts/train-data/ordinary_requests.py"})
    return out


if __name__ == "__main__":
    import json, sys
    for record in records():
        sys.stdout.write(json.dumps(record) + "\n")
