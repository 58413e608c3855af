// The demo careers page lists whatever notices the vacancy database holds (GET /vacancies.json).
const list = document.getElementById('vacancies');
const status = document.getElementById('vacancies-status');

function item(vacancy) {
  const li = document.createElement('li');
  li.className = 'vacancy';
  const title = document.createElement('h3');
  title.textContent = vacancy.title;
  const facts = document.createElement('dl');
  for (const [term, value] of [
    ['Requisition', vacancy.requisition],
    ['Deadline', vacancy.deadline_text],
    ['Status', vacancy.open ? 'Open' : 'Closed'],
  ]) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    facts.append(dt, dd);
  }
  li.classList.add(vacancy.open ? 'is-open' : 'is-closed');
  li.append(title, facts);
  return li;
}

async function show() {
  try {
    const response = await fetch('/vacancies.json');
    if (!response.ok) throw new Error(String(response.status));
    const vacancies = await response.json();
    list.replaceChildren(...vacancies.map(item));
    status.textContent = vacancies.length ? `${vacancies.length} notices` : 'No vacancies are published at the moment.';
  } catch {
    status.textContent = 'The vacancies could not be loaded. Please try again later.';
  }
}

show();
