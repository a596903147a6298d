/** The tab's title: the page's name, led by the number of waiting chats ("(2) Agent console"). */
let base = document.title;
let waiting = 0;

export function setPageTitle(title: string): void {
  base = title;
  render();
}

export function setWaitingChats(count: number): void {
  waiting = count;
  render();
}

function render(): void {
  document.title = waiting > 0 ? `(${waiting}) ${base}` : base;
}
