/*
 * page.c — bringing up physical memory: the boot bump allocator, the frame
 * descriptor array and the hand-over of free RAM to the buddy allocator.
 *
 * Order matters (mm_init): the boot allocator takes frames right after the
 * kernel image (bootinfo.kernel_end), inside the 16 MiB that entry.s mapped;
 * kvm_init uses it for the kernel page directory and tables, then switches
 * to them, after which all RAM is direct-mapped and the descriptor array
 * can be as large as RAM needs. Finally every frame from the end of the
 * boot allocations up is given to the buddy allocator; low memory (the
 * first MiB), the kernel image, the boot symbols and boot allocations stay
 * PG_RESERVED forever. boot_alloc must not be used after mm_init.
 */
#include "bootinfo.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"
#include "vm.h"

#define EARLY_MAPPED_BYTES (16u * 1024 * 1024)

struct page *page_array;
u32 total_frames;
u32 managed_frames;

static u32 boot_next;   /* physical address of the next boot allocation */
static int boot_done;

void buddy_add_range(u32 first_pfn, u32 end_pfn);
void kmalloc_init(void);

void *boot_alloc(u32 bytes) {
  u32 pa;
  void *va;
  if (boot_done) panic("boot_alloc after mm_init");
  if (boot_next == 0) boot_next = ALIGN_UP(boot_info.kernel_end, PAGE_SIZE);
  pa = boot_next;
  boot_next = ALIGN_UP(boot_next + bytes, PAGE_SIZE);
  if (boot_next > total_frames * PAGE_SIZE) panic("boot_alloc: out of RAM (%u bytes)", bytes);
  if (kernel_pgdir == NULL && boot_next > EARLY_MAPPED_BYTES) {
    panic("boot_alloc: %u bytes do not fit in the early mapping", bytes);
  }
  va = phys_to_virt(pa);
  memset(va, 0, bytes);
  return va;
}

void mm_init(void) {
  u32 ram = boot_info.ram_bytes;
  u32 pfn, first_free;
  if (ram > DIRECT_MAP_MAX) {
    printk(KERN_WARNING, "Memory: only %u MiB of %u MiB are usable (direct map limit)",
           DIRECT_MAP_MAX >> 20, ram >> 20);
    ram = DIRECT_MAP_MAX;
  }
  total_frames = ram >> PAGE_SHIFT;
  kvm_init();
  page_array = (struct page *)boot_alloc(total_frames * sizeof(struct page));
  boot_done = 1;
  first_free = boot_next >> PAGE_SHIFT;
  /* boot_alloc zeroed the array: free frames need only their empty lru
   * list; everything below first_free is reserved for good. */
  for (pfn = 0; pfn < total_frames; pfn++) {
    struct page *p = &page_array[pfn];
    if (pfn < first_free) {
      p->flags = PG_RESERVED;
      p->refcount = 1;
    }
    p->lru.next = &p->lru;
    p->lru.prev = &p->lru;
  }
  buddy_init();
  buddy_add_range(first_free, total_frames);
  managed_frames = total_frames - first_free;
  slab_init();
  kmalloc_init();
  printk(KERN_INFO, "Memory: %uK/%uK available (%uK kernel code+data+symbols, %uK boot data)",
         free_frames() * 4, total_frames * 4,
         (ALIGN_UP(boot_info.kernel_end, PAGE_SIZE) - boot_info.kernel_start) / 1024,
         (boot_next - ALIGN_UP(boot_info.kernel_end, PAGE_SIZE)) / 1024);
}
